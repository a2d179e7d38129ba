import { count } from 'drizzle-orm';
import { emailSchema } from '../../lib/auth/email';
import { hashPassword } from '../../lib/auth/password-hash';
import { passwordProblem } from '../../lib/auth/password-policy';
import { env } from '../../lib/env';
import { invalidInput } from '../../lib/errors/app-error';
import { siteUrl } from '../../lib/site';
import { recordAudit } from '../auth/audit';
import type { Db, Tx } from '../client';
import { users } from '../schema';
import {
  findValidToken,
  insertUser,
  issueToken,
  markTokenUsed,
  updateUserSecurity,
} from './records';

// Accounts that come into being without a signed-in admin: the first admin, and users who
// follow a one-time link. The link's token is the authorization.

async function userCount(db: Tx): Promise<number> {
  return (await db.select({ n: count() }).from(users))[0]?.n ?? 0;
}

/**
 * On start with no users: creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD when both are
 * set and valid; otherwise prints a one-time setup link that expires in 24 hours.
 */
export async function ensureFirstAdmin(
  db: Db,
  log: (message: string) => void = console.log,
): Promise<void> {
  if ((await userCount(db)) > 0) return;
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = env();
  if (email && password) {
    const parsedEmail = emailSchema.safeParse(email);
    const problem = passwordProblem(password);
    if (parsedEmail.success && !problem) {
      const passwordHash = await hashPassword(password);
      // Another process may have created it meanwhile (two servers starting on one file).
      const created = await db.transaction(async (tx) => {
        if ((await userCount(tx)) > 0) return false;
        const now = new Date();
        const id = await insertUser(tx, {
          email: parsedEmail.data,
          name: 'Administrator',
          role: 'admin',
          passwordHash,
          now,
        });
        await recordAudit(
          tx,
          {
            action: 'auth.setup',
            target: { type: 'user', id, label: parsedEmail.data },
            details: { via: 'environment' },
          },
          now,
        );
        return true;
      });
      if (created)
        log(`Created the first admin, ${parsedEmail.data}, from ADMIN_EMAIL and ADMIN_PASSWORD.`);
      return;
    }
    log(
      `ADMIN_EMAIL/ADMIN_PASSWORD not used: ${parsedEmail.success ? problem : 'ADMIN_EMAIL is not a valid email address.'}`,
    );
  }
  const token = await db.transaction(
    async (tx) => await issueToken(tx, { userId: null, purpose: 'setup', now: new Date() }),
  );
  log(
    `No staff accounts yet. Create the first admin within 24 hours at: ${siteUrl()}/setup?token=${token}`,
  );
}

/** Whether a one-time link is still good (for showing the form or an explanation). */
export async function isTokenValid(
  db: Db,
  token: string,
  purposes: Array<'setup' | 'invite' | 'reset'>,
): Promise<boolean> {
  return (await findValidToken(db, token, purposes, new Date())) !== null;
}

/** Whether anyone has an account yet (then setup is over: people sign in or are invited). */
export async function hasUsers(db: Db): Promise<boolean> {
  return (await userCount(db)) > 0;
}

/** Creates the first admin through the setup link. Works once: the token is spent. */
export async function completeSetup(
  db: Db,
  input: { token: string; name: string; email: string; password: string },
  ip: string | null,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const now = new Date();
    const token = await findValidToken(tx, input.token, ['setup'], now);
    if (!token || (await userCount(tx)) > 0) {
      throw invalidInput('This setup link has expired or was already used.');
    }
    const id = await insertUser(tx, {
      email: input.email,
      name: input.name,
      role: 'admin',
      passwordHash,
      now,
    });
    await markTokenUsed(tx, token.id, now);
    await recordAudit(
      tx,
      {
        action: 'auth.setup',
        target: { type: 'user', id, label: input.email },
        ip,
        details: { via: 'setup link' },
      },
      now,
    );
  });
}

/** Sets a password through an invitation or reset link. Works once; ends other sessions. */
export async function setPasswordWithToken(
  db: Db,
  input: { token: string; password: string },
  ip: string | null,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const now = new Date();
    const token = await findValidToken(tx, input.token, ['invite', 'reset'], now);
    if (!token || token.userId === null)
      throw invalidInput('This link has expired or was already used.');
    await updateUserSecurity(tx, token.userId, { passwordHash }, now);
    await markTokenUsed(tx, token.id, now);
    await recordAudit(
      tx,
      {
        action: 'user.password_set',
        target: { type: 'user', id: token.userId },
        ip,
        details: { via: token.purpose },
      },
      now,
    );
  });
}
