import { hashPassword } from '../../lib/auth/password-hash';
import type { UserRole } from '../../lib/content/vocabulary';
import type { Db } from '../client';
import { addUser, findUserByEmail, issuePasswordLink, type OneTimeLink } from './user-changes';

// For the command-line tools only (scripts/user-*.ts). The operator who runs them already holds
// the database file, so there is no one to check a permission for; the audit log records the
// change as made from the command line. Never imported by app/ (eslint.config.mjs).

const BY_OPERATOR = { details: { via: 'cli' } } as const;

export async function createUserAsOperator(
  db: Db,
  input: { email: string; name: string; role: UserRole; password: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(
    async (tx) =>
      await addUser(
        tx,
        { email: input.email, name: input.name, role: input.role, passwordHash, invite: false },
        BY_OPERATOR,
        new Date(),
      ),
  );
}

export async function passwordLinkAsOperator(db: Db, email: string): Promise<OneTimeLink> {
  return await db.transaction(async (tx) =>
    issuePasswordLink(tx, await findUserByEmail(tx, email), BY_OPERATOR, new Date()),
  );
}
