import { eq } from 'drizzle-orm';
import { emailSchema } from '../../lib/auth/email';
import { verifyPassword } from '../../lib/auth/password-hash';
import { getDb } from '../client';
import { users } from '../schema';
import { recordAudit } from './audit';
import { THROTTLE } from './config';
import { createSession } from './sessions';
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from './throttle';

export type SignInAttempt = {
  email: unknown;
  password: unknown;
  ip: string | null;
  userAgent: string | null;
};

export type SignInResult =
  | { ok: true; userId: number; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

const MAX_PASSWORD_INPUT = 1024;

/**
 * Checks an email and password. Every failure looks the same to the caller ("invalid"), and
 * costs one argon2 verification whether or not the account exists. Too many failures for an
 * account or a client address lock it for a while ("locked").
 */
export async function signIn(attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const db = getDb();
  const parsedEmail = emailSchema.safeParse(attempt.email);
  const email = parsedEmail.success
    ? parsedEmail.data
    : String(attempt.email ?? '')
        .slice(0, 254)
        .toLowerCase();
  const password =
    typeof attempt.password === 'string' && attempt.password.length <= MAX_PASSWORD_INPUT
      ? attempt.password
      : '';
  const keys = throttleKeys(email, attempt.ip);

  const [user] = parsedEmail.success
    ? await db.select().from(users).where(eq(users.email, email)).limit(1)
    : [];
  // Always verify, even when the outcome will be "locked", so timing reveals nothing.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  const valid = user !== undefined && passwordOk && user.active && password !== '';

  // The lock is checked in the same IMMEDIATE transaction that records the outcome, so guesses
  // sent at once are serialized: none of them can slip past a lock another one just set.
  return db.transaction(
    (tx): SignInResult => {
      const locked = lockedUntil(tx, keys, now);
      if (locked) {
        recordAudit(
          tx,
          {
            action: 'auth.sign_in_failed',
            actorEmail: email,
            ip: attempt.ip,
            details: { reason: 'locked' },
          },
          now,
        );
        return { ok: false, reason: 'locked', until: locked };
      }
      if (!valid) {
        const lockedKeys = recordFailure(tx, keys, now);
        recordAudit(tx, { action: 'auth.sign_in_failed', actorEmail: email, ip: attempt.ip }, now);
        for (const key of lockedKeys) {
          recordAudit(
            tx,
            { action: 'auth.lockout', actorEmail: email, ip: attempt.ip, details: { key } },
            now,
          );
        }
        return lockedKeys.length > 0
          ? { ok: false, reason: 'locked', until: new Date(now.getTime() + THROTTLE.lock) }
          : { ok: false, reason: 'invalid' };
      }
      clearFailures(tx, keys[0]!);
      const sessionId = createSession(tx, {
        userId: user.id,
        sessionVersion: user.sessionVersion,
        ip: attempt.ip,
        userAgent: attempt.userAgent,
        now,
      });
      tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id)).run();
      recordAudit(tx, { action: 'auth.sign_in', actor: user, ip: attempt.ip }, now);
      return { ok: true, userId: user.id, sessionId };
    },
    { behavior: 'immediate' },
  );
}
