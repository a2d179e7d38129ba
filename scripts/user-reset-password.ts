// npm run user:reset-password -- --email E
// Prints a one-time link (valid for an hour) where the user chooses a new password.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../db/auth/audit';
import { issueToken } from '../db/users/records';
import { users } from '../db/schema';
import { emailSchema } from '../lib/auth/email';
import { siteUrl } from '../lib/site';
import { CliError, parseCliArgs, runCli } from './cli';

const USAGE = 'Usage: npm run user:reset-password -- --email E';

runCli(async (db) => {
  const args = parseCliArgs({ email: { type: 'string' } }, USAGE);
  if (!args.email) throw new CliError(`Missing --email.\n${USAGE}`);
  const email = emailSchema.safeParse(args.email);
  if (!email.success) throw new CliError(`--email: ${email.error.issues[0]?.message}`);
  const token = db.transaction(
    (tx) => {
      const user = tx.select().from(users).where(eq(users.email, email.data)).get();
      if (!user) throw new CliError(`No user has the email ${email.data}.`);
      const now = new Date();
      const issued = issueToken(tx, {
        userId: user.id,
        purpose: user.passwordHash ? 'reset' : 'invite',
        now,
      });
      recordAudit(
        tx,
        {
          action: 'user.password_reset_link',
          target: { type: 'user', id: user.id, label: user.email },
          details: { via: 'cli' },
        },
        now,
      );
      return issued;
    },
    { behavior: 'immediate' },
  );
  console.log(
    `One-time link for ${email.data} (valid for an hour):\n${siteUrl()}/set-password?token=${token}`,
  );
});
