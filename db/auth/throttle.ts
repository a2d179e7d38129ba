import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { lockKeys } from '../engine/locking';
import { authThrottles } from '../schema';
import { THROTTLE } from '../../lib/auth/limits';

// Failed sign-ins, counted in the database so that a restart does not reset them, under three
// kinds of key:
//   device:<nonce>     one browser holding a valid device cookie for the account it tries;
//   untrusted:<email>  every other browser trying that account, together;
//   ip:<address>       one client address, across accounts.
// N failures within the window lock a key for a while. Locks of an account's unknown devices
// grow: each further lock lasts twice as long as the one before, up to THROTTLE.maxLock, until
// the account has been left alone for THROTTLE.escalationMemory.

/**
 * The keys an attempt counts against: its device's when it presents a valid device cookie for
 * the account, otherwise the account's unknown devices'; then its address's. The first key is
 * the one a successful sign-in clears.
 */
export function throttleKeys(
  email: string,
  ip: string | null,
  deviceNonce: string | null = null,
): string[] {
  const principal = deviceNonce ? `device:${deviceNonce}` : `untrusted:${email}`;
  return [principal, ...(ip ? [`ip:${ip}`] : [])];
}

type Policy = { limit: number; escalates: boolean };

function policyFor(key: string): Policy {
  if (key.startsWith('ip:')) return { limit: THROTTLE.ipLimit, escalates: false };
  if (key.startsWith('device:')) return { limit: THROTTLE.deviceLimit, escalates: false };
  return { limit: THROTTLE.untrustedLimit, escalates: true };
}

type Row = typeof authThrottles.$inferSelect;
type Next = { failures: number; windowStartedAt: Date; lockedUntil: Date | null; locks: boolean };

/** A count within the window; the failure that reaches the limit locks for THROTTLE.lock. */
function windowed(row: Row | undefined, limit: number, now: Date): Next {
  const windowExpired = !row || now.getTime() - row.windowStartedAt.getTime() > THROTTLE.window;
  const lockExpired = row?.lockedUntil != null && row.lockedUntil <= now;
  const failures = windowExpired || lockExpired ? 1 : row.failures + 1;
  const windowStartedAt = windowExpired || lockExpired ? now : row.windowStartedAt;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + THROTTLE.lock) : null;
  return { failures, windowStartedAt, lockedUntil, locks: failures === limit };
}

/**
 * For an account's unknown devices. Once a lock has ended, the row keeps it (windowStartedAt is
 * when it began, lockedUntil when it ended) as the measure of the next one: the next `limit`
 * failures, however spread out, lock again for twice as long, capped at THROTTLE.maxLock.
 * A lock that ended more than THROTTLE.escalationMemory ago is forgotten.
 */
function escalating(row: Row | undefined, limit: number, now: Date): Next {
  const last = row?.lockedUntil ?? null;
  if (row && last && last > now) {
    // Still locked (callers refuse locked keys before counting): count, lock no longer.
    return { ...row, failures: row.failures + 1, lockedUntil: last, locks: false };
  }
  const remembered =
    row && last !== null && now.getTime() - last.getTime() < THROTTLE.escalationMemory;
  if (!remembered) {
    const fresh = windowed(row?.lockedUntil ? undefined : row, limit, now);
    // A lock starts its own record: windowStartedAt is when it began.
    return fresh.locks ? { ...fresh, windowStartedAt: now } : fresh;
  }
  const failures = row.failures >= limit ? 1 : row.failures + 1;
  if (failures < limit) {
    return { failures, windowStartedAt: row.windowStartedAt, lockedUntil: last, locks: false };
  }
  const previous = last.getTime() - row.windowStartedAt.getTime();
  const duration = Math.min(Math.max(previous, THROTTLE.lock) * 2, THROTTLE.maxLock);
  return {
    failures,
    windowStartedAt: now,
    lockedUntil: new Date(now.getTime() + duration),
    locks: true,
  };
}

/** The time until which any of the keys is locked, or null. */
export async function lockedUntil(tx: Tx, keys: string[], now: Date): Promise<Date | null> {
  const rows = await tx.select().from(authThrottles).where(inArray(authThrottles.key, keys));
  const locks = rows
    .map((row) => row.lockedUntil)
    .filter((until): until is Date => until !== null && until > now)
    .sort((a, b) => b.getTime() - a.getTime());
  return locks[0] ?? null;
}

/**
 * The counter row of `key`, or undefined when there is none yet, read under the key's lock
 * (db/engine/locking.ts): a read-then-write of a counter must not lose a concurrent increment,
 * and on PostgreSQL two sign-ins could otherwise both read 3 failures and both write 4.
 */
export async function lockedCounter(tx: Tx, key: string): Promise<Row | undefined> {
  await lockKeys(tx, [key]);
  const [row] = await tx.select().from(authThrottles).where(eq(authThrottles.key, key));
  return row;
}

/** Counts one failure against each key; returns the keys this failure locked. */
export async function recordFailure(tx: Tx, keys: string[], now: Date): Promise<string[]> {
  const newlyLocked: string[] = [];
  for (const key of keys) {
    const { limit, escalates } = policyFor(key);
    const row = await lockedCounter(tx, key);
    const next = escalates ? escalating(row, limit, now) : windowed(row, limit, now);
    // Only the failure that reaches the limit locks; callers refuse locked keys before counting.
    if (next.locks) newlyLocked.push(key);
    const values = {
      failures: next.failures,
      windowStartedAt: next.windowStartedAt,
      lockedUntil: next.lockedUntil,
    };
    await tx
      .insert(authThrottles)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: authThrottles.key, set: values });
  }
  return newlyLocked;
}

/** A successful sign-in clears its device's or its account's count (not the address's). */
export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.delete(authThrottles).where(eq(authThrottles.key, key));
}
