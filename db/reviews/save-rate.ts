import { env } from '../../lib/env';
import { AppError } from '../../lib/errors/app-error';
import type { Tx } from '../client';
import { lockedCounter } from '../auth/throttle';
import { authThrottles } from '../schema';

// How many revisions one person may write a minute. An editor's autosave writes at most one
// every couple of seconds; a script sending hundreds of 1 MB saves is what this stops. The
// count lives in the database (the throttle table, under a key of its own), so it holds across
// restarts and, later, across instances. Counted in the save's own IMMEDIATE transaction.

const WINDOW_MS = 60_000;

/** Saves a minute per person: SAVES_PER_MINUTE, default 120 (load tests raise it). */
export function savesPerMinute(): number {
  return env().SAVES_PER_MINUTE;
}

/** Counts one revision written by `userId`; over the limit, throws a `rate_limited` AppError. */
export async function countSave(
  tx: Tx,
  userId: number,
  now: Date,
  limit = savesPerMinute(),
): Promise<void> {
  const key = `saves:${userId}`;
  const row = await lockedCounter(tx, key);
  const fresh = !row || now.getTime() - row.windowStartedAt.getTime() >= WINDOW_MS;
  const count = fresh ? 1 : row.failures + 1;
  if (!fresh && count > limit) {
    const retryAfterMs = row.windowStartedAt.getTime() + WINDOW_MS - now.getTime();
    throw new AppError(
      'rate_limited',
      `You have saved ${limit} times in the last minute, the most one person may. Your text is kept on this device; saving resumes in ${Math.ceil(retryAfterMs / 1000)} seconds.`,
      { retryAfterMs },
    );
  }
  const windowStartedAt = fresh ? now : row.windowStartedAt;
  await tx
    .insert(authThrottles)
    .values({ key, failures: count, windowStartedAt, lockedUntil: null })
    .onConflictDoUpdate({ target: authThrottles.key, set: { failures: count, windowStartedAt } });
}
