import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { authThrottles } from '../schema';
import { THROTTLE } from './config';

// Failed sign-ins counted per account and per client address, in the database so that a
// restart does not reset them. N failures within the window lock the key for a while.

export type ThrottleKeys = { account: string; ip: string | null };

export function throttleKeys(email: string, ip: string | null): string[] {
  return [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** The time until which any of the keys is locked, or null. */
export function lockedUntil(tx: Tx, keys: string[], now: Date): Date | null {
  const rows = tx.select().from(authThrottles).where(inArray(authThrottles.key, keys)).all();
  const locks = rows
    .map((row) => row.lockedUntil)
    .filter((until): until is Date => until !== null && until > now)
    .sort((a, b) => b.getTime() - a.getTime());
  return locks[0] ?? null;
}

/** Counts one failure against each key; returns the keys this failure locked. */
export function recordFailure(tx: Tx, keys: string[], now: Date): string[] {
  const newlyLocked: string[] = [];
  for (const key of keys) {
    const limit = key.startsWith('ip:') ? THROTTLE.ipLimit : THROTTLE.accountLimit;
    const row = tx.select().from(authThrottles).where(eq(authThrottles.key, key)).get();
    const windowExpired = !row || now.getTime() - row.windowStartedAt.getTime() > THROTTLE.window;
    const lockExpired = row?.lockedUntil != null && row.lockedUntil <= now;
    const failures = windowExpired || lockExpired ? 1 : row.failures + 1;
    const windowStartedAt = windowExpired || lockExpired ? now : row.windowStartedAt;
    const locked = failures >= limit ? new Date(now.getTime() + THROTTLE.lock) : null;
    // Only the failure that reaches the limit locks; callers refuse locked keys before counting.
    if (failures === limit) newlyLocked.push(key);
    tx.insert(authThrottles)
      .values({ key, failures, windowStartedAt, lockedUntil: locked })
      .onConflictDoUpdate({
        target: authThrottles.key,
        set: { failures, windowStartedAt, lockedUntil: locked },
      })
      .run();
  }
  return newlyLocked;
}

/** A successful sign-in clears the account's count (not the address's). */
export function clearFailures(tx: Tx, key: string): void {
  tx.delete(authThrottles).where(eq(authThrottles.key, key)).run();
}
