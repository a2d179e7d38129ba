import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS, THROTTLE } from '../../lib/auth/limits';
import { createSession, resolveSession, revokeSession } from '../../db/auth/sessions';
import { signIn, type SignInAttempt } from '../../db/auth/sign-in';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { auditLog, users } from '../../db/schema';
import { insertUser, updateUserSecurity } from '../../db/users/records';
import { issueDeviceToken, verifyDeviceToken } from '../../lib/auth/device-cookie';
import { hashPassword } from '../../lib/auth/password-hash';
import type { UserRole } from '../../lib/content/vocabulary';
import { databaseRefusal, execute } from '../support/raw-sql';

// signIn against the process-wide database (a throwaway database, see tests/support/setup.ts).
// Every test uses its own accounts, so the throttle counts of one do not leak into another.

const PASSWORD = 'gravel kettle lantern 42';
const WRONG = 'gravel kettle lantern 43';
const MINUTE = 60_000;
let passwordHash: string;

beforeAll(async () => {
  await migrateDatabase(getDb());
  passwordHash = await hashPassword(PASSWORD);
});

async function addUser(
  email: string,
  role: UserRole = 'editor',
  options: { active?: boolean } = {},
) {
  return await getDb().transaction(
    async (tx) => {
      const now = new Date();
      const id = await insertUser(tx, {
        email,
        name: email.split('@')[0]!,
        role,
        passwordHash,
        now,
      });
      if (options.active === false) await updateUserSecurity(tx, id, { active: false }, now);
      return id;
    },
    { behavior: 'immediate' },
  );
}

function attempt(email: unknown, password: unknown, ip: string | null = null): SignInAttempt {
  return { email, password, ip, userAgent: 'vitest' };
}

async function signedIn(email: string, now = new Date()): Promise<string> {
  const result = await signIn(attempt(email, PASSWORD), now);
  if (!result.ok) throw new Error(`expected ${email} to sign in, got ${result.reason}`);
  return result.sessionId;
}

async function auditActions(email: string): Promise<string[]> {
  return (
    await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.actorEmail, email))
      .orderBy(auditLog.id)
  ).map((row) => row.action);
}

const INVALID = { ok: false, reason: 'invalid' };

describe('signing in', () => {
  it('signs in with the right password and starts a session that resolves to the user', async () => {
    const id = await addUser('ana@example.com', 'writer');
    const result = await signIn(attempt('ana@example.com', PASSWORD, '203.0.113.20'));
    expect(result).toMatchObject({ ok: true, userId: id });
    if (!result.ok) return;
    expect(result.sessionId).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const user = await resolveSession(getDb(), result.sessionId);
    expect(user).toEqual({
      id,
      email: 'ana@example.com',
      name: 'ana',
      role: 'writer',
      sessionId: result.sessionId,
    });
    const [row] = await getDb().select().from(users).where(eq(users.id, id));
    expect(row?.lastSignInAt).toBeInstanceOf(Date);

    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.sign_in'), eq(auditLog.actorId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorEmail: 'ana@example.com', ip: '203.0.113.20' });
  });

  it('ignores the case and surrounding spaces of the email', async () => {
    const id = await addUser('carmen@example.com');
    const result = await signIn(attempt('  Carmen@Example.COM ', PASSWORD));
    expect(result).toMatchObject({ ok: true, userId: id });
  });

  it('answers the same "invalid" for a wrong password and for an unknown email', async () => {
    await addUser('dov@example.com');
    expect(await signIn(attempt('dov@example.com', WRONG))).toEqual(INVALID);
    expect(await signIn(attempt('nobody@example.com', PASSWORD))).toEqual(INVALID);
    expect(await auditActions('dov@example.com')).toEqual(['auth.sign_in_failed']);
    expect(await auditActions('nobody@example.com')).toEqual(['auth.sign_in_failed']);
  });

  it('refuses a deactivated user even with the right password', async () => {
    await addUser('eli@example.com', 'editor', { active: false });
    expect(await signIn(attempt('eli@example.com', PASSWORD))).toEqual(INVALID);
  });

  it('refuses malformed input without throwing', async () => {
    await addUser('fay@example.com');
    expect(await signIn(attempt('fay@example.com', ''))).toEqual(INVALID);
    expect(await signIn(attempt('fay@example.com', undefined))).toEqual(INVALID);
    expect(await signIn(attempt('fay@example.com', { toString: () => PASSWORD }))).toEqual(INVALID);
    expect(await signIn(attempt(['fay@example.com'], PASSWORD))).toEqual(INVALID);
    expect(await signIn(attempt(null, null))).toEqual(INVALID);
  });

  it('locks the account on the 5th failure, refuses even the right password, and unlocks after 15 minutes', async () => {
    const id = await addUser('gus@example.com');
    const start = new Date();
    for (let i = 0; i < THROTTLE.untrustedLimit - 1; i++) {
      expect(await signIn(attempt('gus@example.com', WRONG), start)).toEqual(INVALID);
    }
    const fifth = await signIn(attempt('gus@example.com', WRONG), start);
    expect(fifth).toEqual({
      ok: false,
      reason: 'locked',
      until: new Date(start.getTime() + 15 * MINUTE),
    });

    const meanwhile = new Date(start.getTime() + 5 * MINUTE);
    expect(await signIn(attempt('gus@example.com', PASSWORD), meanwhile)).toEqual({
      ok: false,
      reason: 'locked',
      until: new Date(start.getTime() + 15 * MINUTE),
    });

    expect(await auditActions('gus@example.com')).toEqual([
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.sign_in_failed',
      'auth.lockout',
      'auth.sign_in_failed',
    ]);
    const [lockout] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.lockout'), eq(auditLog.actorEmail, 'gus@example.com')));
    expect(JSON.parse(lockout?.details ?? '{}')).toEqual({
      key: 'untrusted:gus@example.com',
      until: new Date(start.getTime() + 15 * MINUTE).toISOString(),
    });

    const later = new Date(start.getTime() + 15 * MINUTE);
    expect(await signIn(attempt('gus@example.com', PASSWORD), later)).toMatchObject({
      ok: true,
      userId: id,
    });
  });

  it('counts guesses sent all at once: no more than the limit are answered, and the lock holds', async () => {
    await addUser('burst@example.com');
    const start = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn(attempt('burst@example.com', `wrong guess ${i}`), start),
      ),
    );
    const invalid = results.filter((result) => !result.ok && result.reason === 'invalid');
    expect(invalid).toHaveLength(THROTTLE.untrustedLimit - 1);
    expect(results.filter((result) => !result.ok && result.reason === 'locked')).toHaveLength(
      20 - (THROTTLE.untrustedLimit - 1),
    );
    expect(
      (await auditActions('burst@example.com')).filter((action) => action === 'auth.lockout'),
    ).toHaveLength(1);
    // Even the right password, arriving during the lock, is refused and clears nothing.
    expect(await signIn(attempt('burst@example.com', PASSWORD), start)).toMatchObject({
      reason: 'locked',
    });
  });

  it('locks an unknown email exactly like a real account', async () => {
    const start = new Date();
    for (let i = 0; i < THROTTLE.untrustedLimit - 1; i++) {
      expect(await signIn(attempt('ghost@example.com', WRONG), start)).toEqual(INVALID);
    }
    expect(await signIn(attempt('ghost@example.com', WRONG), start)).toMatchObject({
      ok: false,
      reason: 'locked',
    });
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    await addUser('hal@example.com');
    // Each attempt in a window of its own, so that none is locked and all do the same work.
    const base = Date.now();
    const spaced = (i: number) => new Date(base + i * (THROTTLE.window + THROTTLE.lock + MINUTE));
    const time = async (email: string, i: number) => {
      const started = performance.now();
      const result = await signIn(attempt(email, WRONG), spaced(i));
      const elapsed = performance.now() - started;
      expect(result).toEqual(INVALID);
      return elapsed;
    };
    // Warm up both paths (the unknown-email path hashes its dummy password once).
    await time('hal@example.com', 0);
    await time('nobody-timed@example.com', 0);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 1; i <= 5; i++) {
      known.push(await time('hal@example.com', i));
      unknown.push(await time('nobody-timed@example.com', i));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!;
    const ratio = median(unknown) / median(known);
    expect(ratio, `unknown ${median(unknown)} ms / known ${median(known)} ms`).toBeGreaterThan(0.5);
    expect(ratio, `unknown ${median(unknown)} ms / known ${median(known)} ms`).toBeLessThan(2);
  });
});

describe('device cookies: an attacker cannot lock the owner out', () => {
  const OWNER_IP = '203.0.113.5';
  const ATTACKER_IP = '198.51.100.7';
  const after = (start: Date, ms: number) => new Date(start.getTime() + ms);

  /** Signs in as the owner's browser does, and returns the device token it now holds. */
  async function ownerSignsIn(email: string, deviceToken: string | null, now: Date) {
    const result = await signIn({ ...attempt(email, PASSWORD, OWNER_IP), deviceToken }, now);
    expect(result, `owner at ${now.toISOString()}`).toMatchObject({ ok: true });
    if (!result.ok) throw new Error('owner refused');
    return result.deviceToken;
  }

  const guess = (email: string, i: number, now: Date, deviceToken: string | null = null) =>
    signIn({ ...attempt(email, `attacker guess ${i}`, ATTACKER_IP), deviceToken }, now);

  async function lockouts(email: string): Promise<unknown[]> {
    return (
      await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.lockout'), eq(auditLog.actorEmail, email)))
        .orderBy(auditLog.id)
    ).map((row) => (JSON.parse(row.details ?? '{}') as { key: string }).key);
  }

  it('issues, on success, a signed token naming the account, fresh every time', async () => {
    const id = await addUser('dc-issue@example.com');
    const first = await ownerSignsIn('dc-issue@example.com', null, new Date());
    const second = await ownerSignsIn('dc-issue@example.com', first, new Date());
    expect(verifyDeviceToken(first)).toMatchObject({ userId: id });
    expect(verifyDeviceToken(second)).toMatchObject({ userId: id });
    expect(verifyDeviceToken(second)!.nonce).not.toBe(verifyDeviceToken(first)!.nonce);
  });

  it('lets the owner sign in from a known browser while an attacker fails 20 times, with growing locks', async () => {
    const email = 'dc-owner@example.com';
    await addUser(email, 'admin');
    const start = new Date('2031-03-01T08:00:00Z');
    let device = await ownerSignsIn(email, null, after(start, -24 * 60 * MINUTE));

    let now = start;
    const locks: number[] = [];
    for (let failures = 0; failures < 20;) {
      const result = await guess(email, failures, now);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      failures++;
      if (result.reason === 'locked') {
        locks.push(result.until.getTime() - now.getTime());
        const meanwhile = after(now, MINUTE);
        // Unknown browsers are refused, even with the right password...
        expect(await guess(email, 99, meanwhile)).toMatchObject({ reason: 'locked' });
        expect(await signIn(attempt(email, PASSWORD, ATTACKER_IP), meanwhile)).toMatchObject({
          reason: 'locked',
        });
        // ...while the owner's browser signs in, and its success does not lift the lock.
        device = await ownerSignsIn(email, device, meanwhile);
        expect(await guess(email, 99, after(meanwhile, 1))).toMatchObject({ reason: 'locked' });
        now = result.until;
      } else {
        expect(result.reason).toBe('invalid');
        now = after(now, 10_000);
      }
    }
    expect(locks).toEqual([15, 30, 60, 60].map((minutes) => minutes * MINUTE));
    expect(await lockouts(email)).toEqual(Array(4).fill(`untrusted:${email}`));
    // The owner's known browser was never locked, and still is not.
    await ownerSignsIn(email, device, now);
  });

  it("treats a forged, tampered or other account's cookie as an unknown device", async () => {
    const email = 'dc-forged@example.com';
    const victim = await addUser(email);
    const other = await addUser('dc-forged-other@example.com');
    const real = await ownerSignsIn(email, null, new Date());
    const start = new Date();
    for (let i = 0; i < THROTTLE.untrustedLimit; i++) await guess(email, i, start);

    const [id, nonce, mac] = real.split('.') as [string, string, string];
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const unknown = {
      'another account': issueDeviceToken(other),
      'signed with another secret': issueDeviceToken(victim, 'some other secret'),
      'mac altered': `${id}.${nonce}.${flip(mac)}`,
      'nonce altered': `${id}.${flip(nonce)}.${mac}`,
      'account altered': `${other}.${nonce}.${mac}`,
      truncated: real.slice(0, -1),
      garbage: 'not-a-device-token',
      empty: '',
    };
    for (const [what, token] of Object.entries(unknown)) {
      // Only the other account's token is genuine, and it names that account.
      if (what === 'another account') expect(verifyDeviceToken(token)?.userId).toBe(other);
      else expect(verifyDeviceToken(token), what).toBeNull();
      const right = { ...attempt(email, PASSWORD, ATTACKER_IP), deviceToken: token };
      expect(await signIn(right, after(start, MINUTE)), what).toMatchObject({ reason: 'locked' });
    }
    // Failures with such cookies count against the unknown devices: the lock grows.
    const lockEnd = after(start, 15 * MINUTE);
    for (let i = 0; i < THROTTLE.untrustedLimit - 1; i++) {
      expect(await guess(email, i, lockEnd, unknown['mac altered'])).toEqual(INVALID);
    }
    expect(await guess(email, 9, lockEnd, unknown['another account'])).toEqual({
      ok: false,
      reason: 'locked',
      until: after(lockEnd, 30 * MINUTE),
    });
    // The genuine cookie still works.
    await ownerSignsIn(email, real, after(start, MINUTE));
  });

  it('gives each known device its own budget: failures lock that device only', async () => {
    const email = 'dc-budget@example.com';
    await addUser(email);
    const laptop = await ownerSignsIn(email, null, new Date());
    const phone = await ownerSignsIn(email, null, new Date());
    const start = new Date();
    for (let i = 0; i < THROTTLE.deviceLimit - 1; i++) {
      expect(await guess(email, i, start, laptop)).toEqual(INVALID);
    }
    const last = await guess(email, 9, start, laptop);
    expect(last).toEqual({ ok: false, reason: 'locked', until: after(start, 15 * MINUTE) });
    const nonce = verifyDeviceToken(laptop)!.nonce;
    expect(await lockouts(email)).toEqual([`device:${nonce}`]);

    // That device is refused, even with the right password...
    const laptopRight = { ...attempt(email, PASSWORD, OWNER_IP), deviceToken: laptop };
    expect(await signIn(laptopRight, after(start, MINUTE))).toMatchObject({ reason: 'locked' });
    // ...the account's other device and unknown devices are not, and none of the device's
    // failures counted against the unknown devices: they have their whole budget.
    await ownerSignsIn(email, phone, after(start, MINUTE));
    for (let i = 0; i < THROTTLE.untrustedLimit - 1; i++) {
      expect(await guess(email, i, after(start, MINUTE))).toEqual(INVALID);
    }
    await ownerSignsIn(email, null, after(start, MINUTE));
    // After 15 minutes the device signs in again.
    expect(await signIn(laptopRight, after(start, 15 * MINUTE))).toMatchObject({ ok: true });
  });

  it('still counts every attempt against its address', async () => {
    const email = 'dc-ip@example.com';
    await addUser(email);
    const device = await ownerSignsIn(email, null, new Date());
    const start = new Date();
    // An office of unknown devices exhausts the address, over many accounts.
    for (let i = 0; i < THROTTLE.ipLimit; i++) {
      await signIn(attempt(`dc-ip-${i}@example.com`, WRONG, OWNER_IP), start);
    }
    const fromOffice = { ...attempt(email, PASSWORD, OWNER_IP), deviceToken: device };
    expect(await signIn(fromOffice, after(start, MINUTE))).toMatchObject({ reason: 'locked' });
    const fromHome = { ...attempt(email, PASSWORD, '192.0.2.1'), deviceToken: device };
    expect(await signIn(fromHome, after(start, MINUTE))).toMatchObject({ ok: true });
  });
});

describe('sessions', () => {
  it('ends at sign-out', async () => {
    await addUser('ida@example.com');
    const sid = await signedIn('ida@example.com');
    expect(await resolveSession(getDb(), sid)).not.toBeNull();
    await revokeSession(getDb(), sid);
    expect(await resolveSession(getDb(), sid)).toBeNull();
  });

  it('ends when the user is changed (role change), and a new sign-in carries the new role', async () => {
    const id = await addUser('jo@example.com', 'editor');
    const other = await addUser('jo-colleague@example.com', 'editor');
    const sid = await signedIn('jo@example.com');
    const colleagueSid = await signedIn('jo-colleague@example.com');
    await getDb().transaction(
      async (tx) => await updateUserSecurity(tx, id, { role: 'writer' }, new Date()),
      {
        behavior: 'immediate',
      },
    );
    expect(await resolveSession(getDb(), sid)).toBeNull();
    // Other users' sessions are not affected.
    expect(await resolveSession(getDb(), colleagueSid)).toMatchObject({ id: other });

    const fresh = await signedIn('jo@example.com');
    expect(await resolveSession(getDb(), fresh)).toMatchObject({ id, role: 'writer' });
  });

  it('refuses a session begun with an older version of the user, even if never revoked', async () => {
    // The race this guards against: a sign-in that read the user just before a password change
    // writes its session just after it.
    const id = await addUser('jon@example.com');
    await getDb().transaction(
      async (tx) =>
        await updateUserSecurity(tx, id, { passwordHash: 'changed elsewhere' }, new Date()),
      { behavior: 'immediate' },
    );
    const { sessionVersion } = (await getDb().select().from(users).where(eq(users.id, id)))[0]!;
    const [stale, current] = await getDb().transaction(
      async (tx) =>
        await Promise.all(
          [sessionVersion - 1, sessionVersion].map((version) =>
            createSession(tx, {
              userId: id,
              sessionVersion: version,
              ip: null,
              userAgent: null,
              now: new Date(),
            }),
          ),
        ),
      { behavior: 'immediate' },
    );
    expect(await resolveSession(getDb(), stale!)).toBeNull();
    expect(await resolveSession(getDb(), current!)).toMatchObject({ id });
  });

  it('ends when the user is deactivated', async () => {
    const id = await addUser('kit@example.com');
    const sid = await signedIn('kit@example.com');
    await getDb().transaction(
      async (tx) => await updateUserSecurity(tx, id, { active: false }, new Date()),
      {
        behavior: 'immediate',
      },
    );
    expect(await resolveSession(getDb(), sid)).toBeNull();
  });

  it('ends after the idle timeout, counted from the last activity', async () => {
    await addUser('lea@example.com');
    const start = new Date();
    const sid = await signedIn('lea@example.com', start);
    const after = (ms: number) => new Date(start.getTime() + ms);

    const idle = await signedIn('lea@example.com', start);
    expect(await resolveSession(getDb(), idle, after(SESSION_IDLE_MS + 1))).toBeNull();

    // Activity just before the timeout keeps the session alive for another idle period.
    expect(await resolveSession(getDb(), sid, after(SESSION_IDLE_MS - MINUTE))).not.toBeNull();
    expect(
      await resolveSession(getDb(), sid, after(2 * SESSION_IDLE_MS - 2 * MINUTE)),
    ).not.toBeNull();
    expect(await resolveSession(getDb(), sid, after(4 * SESSION_IDLE_MS))).toBeNull();
  });

  it('ends at its absolute lifetime even when used all along', async () => {
    await addUser('max@example.com');
    const start = new Date();
    const sid = await signedIn('max@example.com', start);
    const step = SESSION_IDLE_MS / 2;
    let elapsed = step;
    for (; elapsed < SESSION_MAX_AGE_MS; elapsed += step) {
      const user = await resolveSession(getDb(), sid, new Date(start.getTime() + elapsed));
      expect(user, `after ${elapsed / MINUTE} minutes`).not.toBeNull();
    }
    expect(
      await resolveSession(getDb(), sid, new Date(start.getTime() + SESSION_MAX_AGE_MS)),
    ).toBeNull();
  });

  it('does not resolve an unknown session id', async () => {
    expect(await resolveSession(getDb(), 'no-such-session')).toBeNull();
  });
});

describe('the audit log', () => {
  it('refuses UPDATE and DELETE', async () => {
    await addUser('ned@example.com');
    await signedIn('ned@example.com');
    const rows = async () => (await getDb().select({ n: count() }).from(auditLog))[0]?.n ?? 0;
    const before = await rows();
    expect(before).toBeGreaterThan(0);
    // Raw SQL inside a transaction: on SQLite that is the write connection, on PostgreSQL one
    // of the pool's. A trigger refuses on both engines, in the same words.
    const raw = (statement: string) =>
      getDb().transaction(async (tx) => await execute(tx, statement));

    expect(await databaseRefusal(raw("UPDATE audit_log SET action = 'auth.sign_out'"))).toMatch(
      /append-only/,
    );
    expect(await databaseRefusal(raw('UPDATE audit_log SET ip = NULL WHERE id = 1'))).toMatch(
      /append-only/,
    );
    expect(await databaseRefusal(raw('DELETE FROM audit_log'))).toMatch(/append-only/);
    // SQLite has no TRUNCATE; PostgreSQL's fires no row trigger, so it has a trigger of its own.
    if (process.env.TEST_ENGINE === 'postgres') {
      expect(await databaseRefusal(raw('TRUNCATE audit_log'))).toMatch(/append-only/);
    }
    expect(
      await databaseRefusal(
        getDb().transaction((tx) =>
          tx.delete(auditLog).where(eq(auditLog.actorEmail, 'ned@example.com')),
        ),
      ),
    ).toMatch(/append-only/);

    expect(await rows()).toBe(before);
    expect(await auditActions('ned@example.com')).toEqual(['auth.sign_in']);
  });
});
