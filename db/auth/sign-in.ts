import { eq } from 'drizzle-orm';
import { issueDeviceToken, verifyDeviceToken } from '../../lib/auth/device-cookie';
import { emailSchema } from '../../lib/auth/email';
import { verifyPassword } from '../../lib/auth/password-hash';
import { getDb } from '../client';
import { users } from '../schema';
import { recordAudit } from './audit';
import { createSession } from './sessions';
import { lockKeys } from '../engine/locking';
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from './throttle';

export type SignInAttempt = {
  email: unknown;
  password: unknown;
  ip: string | null;
  userAgent: string | null;
  /** The device cookie the browser sent (lib/auth/device-cookie.ts), or null. */
  deviceToken?: string | null;
};

export type SignInResult =
  /** deviceToken: a new device cookie for the browser, naming this account. */
  | { ok: true; userId: number; sessionId: string; deviceToken: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

const MAX_PASSWORD_INPUT = 1024;

/**
 * Checks an email and password. Every failure looks the same to the caller ("invalid"), and
 * costs one argon2 verification whether or not the account exists. Too many failures lock for a
 * while ("locked"): a browser with a valid device cookie for this account counts against its
 * own budget and ignores the account's lock; every other browser counts against the account's
 * budget for unknown devices, whose locks grow; every attempt counts against its address.
 * A success returns a fresh device token for the browser to keep.
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

  const [user] = parsedEmail.success
    ? await db.select().from(users).where(eq(users.email, email)).limit(1)
    : [];
  // A device is known only to the account its cookie names: a forged or altered cookie, or one
  // issued to another account, makes the attempt one from an unknown device.
  const device = verifyDeviceToken(attempt.deviceToken);
  const knownDevice = device !== null && user !== undefined && device.userId === user.id;
  const keys = throttleKeys(email, attempt.ip, knownDevice ? device.nonce : null);
  // Always verify, even when the outcome will be "locked", so timing reveals nothing.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  const valid = user !== undefined && passwordOk && user.active && password !== '';

  // The lock is checked in the same transaction that records the outcome, holding the keys'
  // locks (db/engine/locking.ts; on SQLite the transaction runs alone), so guesses sent at
  // once are serialized: none of them can slip past a lock another one just set.
  return db.transaction(async (tx): Promise<SignInResult> => {
    await lockKeys(tx, keys);
    const locked = await lockedUntil(tx, keys, now);
    if (locked) {
      await recordAudit(
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
      const lockedKeys = await recordFailure(tx, keys, now);
      await recordAudit(
        tx,
        { action: 'auth.sign_in_failed', actorEmail: email, ip: attempt.ip },
        now,
      );
      for (const key of lockedKeys) {
        await recordAudit(
          tx,
          {
            action: 'auth.lockout',
            actorEmail: email,
            ip: attempt.ip,
            details: { key, until: (await lockedUntil(tx, [key], now))?.toISOString() },
          },
          now,
        );
      }
      const until = lockedKeys.length > 0 ? await lockedUntil(tx, keys, now) : null;
      return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'invalid' };
    }
    await clearFailures(tx, keys[0]!);
    const sessionId = await createSession(tx, {
      userId: user.id,
      sessionVersion: user.sessionVersion,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
      now,
    });
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
    await recordAudit(tx, { action: 'auth.sign_in', actor: user, ip: attempt.ip }, now);
    return { ok: true, userId: user.id, sessionId, deviceToken: issueDeviceToken(user.id) };
  });
}
