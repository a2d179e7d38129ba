// npm run user:reset-password -- --email E
// Prints a one-time link (valid for an hour) where the user chooses a new password.
import { passwordLinkAsOperator } from '../db/users/operator';
import { emailSchema } from '../lib/auth/email';
import { siteUrl } from '../lib/site';
import { CliError, parseCliArgs, runCli } from './cli';

const USAGE = 'Usage: npm run user:reset-password -- --email E';

runCli(async (db) => {
  const args = parseCliArgs({ email: { type: 'string' } }, USAGE);
  if (!args.email) throw new CliError(`Missing --email.\n${USAGE}`);
  const email = emailSchema.safeParse(args.email);
  if (!email.success) throw new CliError(`--email: ${email.error.issues[0]?.message}`);
  const { token } = await passwordLinkAsOperator(db, email.data);
  console.log(
    `One-time link for ${email.data} (valid for an hour):\n${siteUrl()}/set-password?token=${token}`,
  );
});
