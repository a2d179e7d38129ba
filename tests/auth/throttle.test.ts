import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { THROTTLE } from '../../lib/auth/limits';
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from '../../db/auth/throttle';
import type { Db, Tx } from '../../db/client';
import { createTestDatabase } from '../support/temp-db';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = new Date('2030-01-01T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let db: Db;
let reopen: () => Db;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, reopen, cleanup } = await createTestDatabase());
});
afterEach(() => cleanup());

async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return await db.transaction((tx) => fn(tx), { behavior: 'immediate' });
}
const fail = async (keys: string[], now: Date) =>
  await write(async (tx) => await recordFailure(tx, keys, now));
const locked = async (keys: string[], now: Date) =>
  await write(async (tx) => await lockedUntil(tx, keys, now));

describe("sign-in throttling of an account's unknown devices", () => {
  const keys = throttleKeys('ana@example.com', null);

  it('names the keys by account (or known device) and, when known, by client address', () => {
    expect(keys).toEqual(['untrusted:ana@example.com']);
    expect(throttleKeys('ana@example.com', '203.0.113.9')).toEqual([
      'untrusted:ana@example.com',
      'ip:203.0.113.9',
    ]);
    expect(throttleKeys('ana@example.com', '203.0.113.9', 'n0nce')).toEqual([
      'device:n0nce',
      'ip:203.0.113.9',
    ]);
  });

  it('does not lock after 4 failures, and locks for 15 minutes on the 5th', async () => {
    expect(THROTTLE.untrustedLimit).toBe(5);
    for (let i = 0; i < 4; i++) {
      expect(await fail(keys, at(i * SECOND))).toEqual([]);
      expect(await locked(keys, at(i * SECOND))).toBeNull();
    }
    const fifth = at(4 * SECOND);
    expect(await fail(keys, fifth)).toEqual(['untrusted:ana@example.com']);
    const until = await locked(keys, fifth);
    expect(until).toBeInstanceOf(Date);
    expect(until!.getTime() - fifth.getTime()).toBe(15 * MINUTE);
    expect(await locked(keys, at(4 * SECOND + 14 * MINUTE))).toEqual(until);
  });

  it('lets the lock expire after 15 minutes; the next 5 failures lock for twice as long', async () => {
    for (let i = 0; i < 5; i++) await fail(keys, at(i * SECOND));
    const lockEnd = at(4 * SECOND + 15 * MINUTE);
    expect(await locked(keys, at(4 * SECOND + 15 * MINUTE - 1))).not.toBeNull();
    expect(await locked(keys, lockEnd)).toBeNull();
    expect(await locked(keys, at(4 * SECOND + 16 * MINUTE))).toBeNull();

    // One failure after the lock is not a sixth strike: the count starts over.
    const later = 4 * SECOND + 16 * MINUTE;
    for (let i = 0; i < 4; i++) expect(await fail(keys, at(later + i * SECOND))).toEqual([]);
    expect(await locked(keys, at(later + 4 * SECOND))).toBeNull();
    expect(await fail(keys, at(later + 4 * SECOND))).toEqual(['untrusted:ana@example.com']);
    expect((await locked(keys, at(later + 4 * SECOND)))!.getTime()).toBe(
      at(later + 4 * SECOND + 30 * MINUTE).getTime(),
    );
  });

  it('doubles each further lock up to an hour, however slowly the failures come', async () => {
    expect(THROTTLE.maxLock).toBe(60 * MINUTE);
    let now = 0;
    const durations: number[] = [];
    for (let lock = 0; lock < 5; lock++) {
      // Failures an hour apart: outside any window, but a lock is remembered for a day.
      for (let i = 0; i < THROTTLE.untrustedLimit - 1; i++) {
        expect(await fail(keys, at(now))).toEqual([]);
        now += lock === 0 ? SECOND : 60 * MINUTE;
      }
      expect(await fail(keys, at(now))).toEqual(['untrusted:ana@example.com']);
      const until = (await locked(keys, at(now)))!;
      durations.push(until.getTime() - at(now).getTime());
      now = until.getTime() - T0.getTime();
    }
    expect(durations).toEqual([15, 30, 60, 60, 60].map((minutes) => minutes * MINUTE));
  });

  it('forgets the escalation once no lock has been in force for a day', async () => {
    for (let i = 0; i < 5; i++) await fail(keys, at(i * SECOND));
    for (let i = 0; i < 5; i++) await fail(keys, at(20 * MINUTE + i * SECOND)); // the 30-minute lock
    const lockEnd = 20 * MINUTE + 4 * SECOND + 30 * MINUTE;
    const dayLater = lockEnd + THROTTLE.escalationMemory;
    for (let i = 0; i < 4; i++) expect(await fail(keys, at(dayLater + i * SECOND))).toEqual([]);
    expect(await fail(keys, at(dayLater + 4 * SECOND))).toEqual(['untrusted:ana@example.com']);
    expect((await locked(keys, at(dayLater + 4 * SECOND)))!.getTime()).toBe(
      at(dayLater + 4 * SECOND + 15 * MINUTE).getTime(),
    );
    // And a fresh count has a window again: four failures, then a quiet window, count from one.
    const after = dayLater + 4 * SECOND + 15 * MINUTE + THROTTLE.escalationMemory;
    for (let i = 0; i < 4; i++) await fail(keys, at(after + i * SECOND));
    expect(await fail(keys, at(after + THROTTLE.window + 10 * SECOND))).toEqual([]);
  });

  it('starts a new count the moment a lock ends, even inside the old window', async () => {
    // Five failures in the same instant: the lock ends exactly when the window does.
    for (let i = 0; i < 5; i++) await fail(keys, T0);
    const lockEnd = at(15 * MINUTE);
    expect(await locked(keys, lockEnd)).toBeNull();
    expect(await fail(keys, lockEnd)).toEqual([]);
    expect(await locked(keys, lockEnd)).toBeNull();
  });

  it('forgets failures older than the window', async () => {
    expect(THROTTLE.window).toBe(15 * MINUTE);
    for (let i = 0; i < 4; i++) await fail(keys, at(i * SECOND));
    // The 5th failure comes after the window that the first four started: a new count.
    const afterWindow = 15 * MINUTE + SECOND;
    expect(await fail(keys, at(afterWindow))).toEqual([]);
    expect(await locked(keys, at(afterWindow))).toBeNull();
    for (let i = 1; i < 4; i++) expect(await fail(keys, at(afterWindow + i * SECOND))).toEqual([]);
    expect(await locked(keys, at(afterWindow + 4 * SECOND))).toBeNull();
    expect(await fail(keys, at(afterWindow + 4 * SECOND))).toEqual(['untrusted:ana@example.com']);
  });

  it('starts over after clearFailures (a successful sign-in)', async () => {
    for (let i = 0; i < 4; i++) await fail(keys, at(i * SECOND));
    await write(async (tx) => await clearFailures(tx, 'untrusted:ana@example.com'));
    for (let i = 0; i < 4; i++) expect(await fail(keys, at((5 + i) * SECOND))).toEqual([]);
    expect(await locked(keys, at(9 * SECOND))).toBeNull();
    expect(await fail(keys, at(9 * SECOND))).toEqual(['untrusted:ana@example.com']);
  });

  it('keeps each account separate', async () => {
    for (let i = 0; i < 5; i++) await fail(keys, at(i * SECOND));
    expect(await locked(keys, at(5 * SECOND))).not.toBeNull();
    expect(await locked(throttleKeys('bo@example.com', null), at(5 * SECOND))).toBeNull();
  });
});

describe('sign-in throttling of a known device', () => {
  const device = throttleKeys('ana@example.com', null, 'device-nonce');

  it('locks the device alone after THROTTLE.deviceLimit failures, for 15 minutes, every time', async () => {
    for (let round = 0; round < 3; round++) {
      const start = round * 20 * MINUTE;
      for (let i = 0; i < THROTTLE.deviceLimit - 1; i++) {
        expect(await fail(device, at(start + i * SECOND))).toEqual([]);
      }
      const last = at(start + THROTTLE.deviceLimit * SECOND);
      expect(await fail(device, last)).toEqual(['device:device-nonce']);
      expect((await locked(device, last))!.getTime() - last.getTime()).toBe(15 * MINUTE);
      // The account's unknown devices and its other devices are not locked.
      expect(await locked(['untrusted:ana@example.com'], last)).toBeNull();
      expect(await locked(throttleKeys('ana@example.com', null, 'other-nonce'), last)).toBeNull();
    }
  });
});

describe('sign-in throttling per client address', () => {
  const ip = '203.0.113.9';

  it('locks an address only at THROTTLE.ipLimit failures, across accounts', async () => {
    expect(THROTTLE.ipLimit).toBeGreaterThan(THROTTLE.untrustedLimit);
    for (let i = 0; i < THROTTLE.ipLimit - 1; i++) {
      expect(await fail(throttleKeys(`user${i}@example.com`, ip), at(i * SECOND))).toEqual([]);
    }
    const now = at(THROTTLE.ipLimit * SECOND);
    expect(await locked(throttleKeys('new@example.com', ip), now)).toBeNull();
    expect(await fail(throttleKeys('last@example.com', ip), now)).toEqual([`ip:${ip}`]);
    // Every account is refused from that address, and the address only.
    const until = await locked(throttleKeys('new@example.com', ip), now);
    expect(until!.getTime() - now.getTime()).toBe(15 * MINUTE);
    expect(await locked(throttleKeys('new@example.com', '198.51.100.1'), now)).toBeNull();
  });

  it('does not lock an address when one account reaches its limit', async () => {
    for (let i = 0; i < 4; i++) await fail(throttleKeys('ana@example.com', ip), at(i * SECOND));
    expect(await fail(throttleKeys('ana@example.com', ip), at(4 * SECOND))).toEqual([
      'untrusted:ana@example.com',
    ]);
    expect(await locked(throttleKeys('bo@example.com', ip), at(5 * SECOND))).toBeNull();
  });

  it("keeps counting the address when an account's failures are cleared", async () => {
    for (let i = 0; i < THROTTLE.ipLimit - 1; i++) {
      await fail(throttleKeys('ana@example.com', ip), at(i * SECOND));
      if (i % 4 === 3)
        await write(async (tx) => await clearFailures(tx, 'untrusted:ana@example.com'));
    }
    await write(async (tx) => await clearFailures(tx, 'untrusted:ana@example.com'));
    expect(await fail(throttleKeys('ana@example.com', ip), at(THROTTLE.ipLimit * SECOND))).toEqual([
      `ip:${ip}`,
    ]);
  });
});

describe('throttle state', () => {
  it('lives in the database, so a restart (a new connection) does not reset it', async () => {
    const keys = throttleKeys('ana@example.com', null);
    for (let i = 0; i < 4; i++) await fail(keys, at(i * SECOND));

    // A second connection (pool), as the restarted process opens it; cleanup() closes it.
    const restarted = reopen();
    const again = async (fn: (tx: Tx) => Promise<unknown>) =>
      await restarted.transaction((tx) => fn(tx), { behavior: 'immediate' });
    // The 5th failure, counted by the new process, still locks: the first four were kept.
    expect(await again(async (tx) => await recordFailure(tx, keys, at(4 * SECOND)))).toEqual([
      'untrusted:ana@example.com',
    ]);
    const until = (await again(
      async (tx) => await lockedUntil(tx, keys, at(5 * SECOND)),
    )) as Date | null;
    expect(until?.getTime()).toBe(at(4 * SECOND + 15 * MINUTE).getTime());
    // And the first connection sees the lock the second one wrote.
    expect((await locked(keys, at(5 * SECOND)))?.getTime()).toBe(
      at(4 * SECOND + 15 * MINUTE).getTime(),
    );
  });
});
