// npm run user:create -- --email E --name N --role admin|editor|writer [--password P]
// Without --password, the password is read from standard input.
import { z } from 'zod';
import { createUserAsOperator } from '../db/users/operator';
import { emailSchema } from '../lib/auth/email';
import { newPasswordSchema } from '../lib/auth/password-policy';
import { nameSchema } from '../lib/auth/user-forms';
import { USER_ROLES } from '../lib/content/vocabulary';
import { CliError, parseCliArgs, readStdin, runCli } from './cli';

const USAGE =
  'Usage: npm run user:create -- --email E --name N --role admin|editor|writer [--password P]\n' +
  '       (without --password, the password is read from standard input)';

const inputSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  role: z.enum(USER_ROLES, `--role must be one of: ${USER_ROLES.join(', ')}.`),
  password: newPasswordSchema,
});

runCli(async (db, databasePath) => {
  const args = parseCliArgs(
    {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
    },
    USAGE,
  );
  const missing = (['email', 'name', 'role'] as const).filter((key) => !args[key]);
  if (missing.length > 0)
    throw new CliError(`Missing ${missing.map((key) => `--${key}`).join(', ')}.\n${USAGE}`);
  const password = args.password ?? (await readStdin());
  const parsed = inputSchema.safeParse({ ...args, password });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `--${issue.path.join('.')}: ${issue.message}`,
    );
    throw new CliError(problems.join('\n'));
  }
  const { email, role } = parsed.data;
  await createUserAsOperator(db, parsed.data);
  console.log(`Created ${role} ${email} in ${databasePath}.`);
});
