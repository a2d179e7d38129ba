import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveSession } from '../../db/auth/sessions';
import { signIn } from '../../db/auth/sign-in';
import { closeDatabase, closeDb, openTarget, type Db } from '../../db/client';
import { auditLog, users } from '../../db/schema';
import {
  completeSetup,
  ensureFirstAdmin,
  isTokenValid,
  setPasswordWithToken,
} from '../../db/users/setup';
import { insertUser, issueToken } from '../../db/users/records';
import { verifyPassword } from '../../lib/auth/password-hash';
import { resolveDatabaseTarget } from '../../lib/database-path';
import { createTestDatabase, type TestDatabase } from '../support/temp-db';
import { addSignedInUser } from '../support/staff';

const PASSWORD = 'gravel kettle lantern 42';
const ROOT = path.resolve(import.meta.dirname, '../..');

const userCount = async (db: Db) => (await db.select({ n: count() }).from(users))[0]?.n ?? 0;
const userByEmail = async (db: Db, email: string) =>
  (await db.select().from(users).where(eq(users.email, email)))[0];

/** Runs `fn` with these environment variables set (undefined: unset), then restores them. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>) {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** Calls ensureFirstAdmin and returns what it logged. */
async function ensureAdminLogging(db: Db): Promise<string[]> {
  const lines: string[] = [];
  await ensureFirstAdmin(db, (line) => lines.push(line));
  return lines;
}

function setupTokenFrom(lines: string[]): string {
  const match = lines.join('\n').match(/\/setup\?token=([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no setup link in: ${lines.join('\n')}`);
  return match[1]!;
}

describe('first-admin setup', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ db, cleanup } = await createTestDatabase());
  });
  afterEach(() => cleanup());

  it('creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD on an empty database', async () => {
    const lines = await withEnv(
      { ADMIN_EMAIL: ' Boss@Example.com ', ADMIN_PASSWORD: PASSWORD },
      () => ensureAdminLogging(db),
    );
    const admin = await userByEmail(db, 'boss@example.com');
    expect(admin).toMatchObject({ role: 'admin', active: true });
    expect(await verifyPassword(admin!.passwordHash, PASSWORD)).toBe(true);
    expect(lines.join('\n')).toContain('boss@example.com');
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(lines.join('\n')).not.toContain('/setup?token=');
    expect((await db.select().from(auditLog)).map((row) => row.action)).toEqual(['auth.setup']);

    // Once someone exists, it does nothing, even with other credentials in the environment.
    const again = await withEnv(
      { ADMIN_EMAIL: 'other@example.com', ADMIN_PASSWORD: PASSWORD },
      () => ensureAdminLogging(db),
    );
    expect(again).toEqual([]);
    expect(await userCount(db)).toBe(1);
  });

  it('prints a setup link instead when ADMIN_PASSWORD is too weak, without creating anyone', async () => {
    const lines = await withEnv(
      { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'password1234' },
      () => ensureAdminLogging(db),
    );
    expect(await userCount(db)).toBe(0);
    expect(lines.join('\n')).toMatch(/too common/);
    expect(setupTokenFrom(lines)).toBeTruthy();
  });

  it('without ADMIN_EMAIL/ADMIN_PASSWORD, prints a one-time setup link that creates the admin once', async () => {
    const lines = await withEnv({ ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined }, () =>
      ensureAdminLogging(db),
    );
    expect(await userCount(db)).toBe(0);
    const token = setupTokenFrom(lines);

    // The setup token is not a password link.
    await expect(
      setPasswordWithToken(db, { token, password: PASSWORD }, null),
    ).rejects.toMatchObject({ code: 'invalid' });

    expect(await isTokenValid(db, token, ['setup'])).toBe(true);
    await completeSetup(
      db,
      { token, name: 'Boss', email: 'boss@example.com', password: PASSWORD },
      '203.0.113.4',
    );
    expect(await isTokenValid(db, token, ['setup'])).toBe(false);
    const admin = await userByEmail(db, 'boss@example.com');
    expect(admin).toMatchObject({ role: 'admin', name: 'Boss' });
    expect(await verifyPassword(admin!.passwordHash, PASSWORD)).toBe(true);

    await expect(
      completeSetup(
        db,
        { token, name: 'Intruder', email: 'intruder@example.com', password: PASSWORD },
        null,
      ),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect(await userCount(db)).toBe(1);
    expect(await userByEmail(db, 'intruder@example.com')).toBeUndefined();
  });

  it('refuses a made-up setup token, and an earlier link once a new one is printed', async () => {
    const env = { ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined };
    const first = setupTokenFrom(await withEnv(env, () => ensureAdminLogging(db)));
    const second = setupTokenFrom(await withEnv(env, () => ensureAdminLogging(db)));
    expect(second).not.toBe(first);
    const input = { name: 'Boss', email: 'boss@example.com', password: PASSWORD };

    await expect(
      completeSetup(db, { ...input, token: 'x'.repeat(43) }, null),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(completeSetup(db, { ...input, token: first }, null)).rejects.toMatchObject({
      code: 'invalid',
    });
    expect(await userCount(db)).toBe(0);
    await completeSetup(db, { ...input, token: second }, null);
    expect(await userCount(db)).toBe(1);
  });

  it('sets an invited user’s password once through their link', async () => {
    const { id, token } = await db.transaction(
      async (tx) => {
        const now = new Date();
        const id = await insertUser(tx, {
          email: 'new@example.com',
          name: 'New',
          role: 'writer',
          passwordHash: null,
          now,
        });
        return { id, token: await issueToken(tx, { userId: id, purpose: 'invite', now }) };
      },
      { behavior: 'immediate' },
    );
    await setPasswordWithToken(db, { token, password: PASSWORD }, null);
    const [user] = await db.select().from(users).where(eq(users.id, id));
    expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);

    await expect(
      setPasswordWithToken(db, { token, password: 'another password entirely' }, null),
    ).rejects.toMatchObject({ code: 'invalid' });
    const [unchanged] = await db.select().from(users).where(eq(users.id, id));
    expect(unchanged!.passwordHash).toBe(user!.passwordHash);
  });

  it('ends the user’s existing sessions when a reset link sets a new password', async () => {
    const { id, sid } = await addSignedInUser('editor', 'old@example.com', db);
    const token = await db.transaction(
      async (tx) => await issueToken(tx, { userId: id, purpose: 'reset', now: new Date() }),
      { behavior: 'immediate' },
    );
    expect(await resolveSession(db, sid)).not.toBeNull();
    await setPasswordWithToken(db, { token, password: PASSWORD }, null);
    expect(await resolveSession(db, sid)).toBeNull();
  });
});

// ---- The command-line tools, run as the operator runs them. ----

type Run = { status: number | null; stdout: string; stderr: string };

function cli(script: string, databaseUrl: string, args: string[], input?: string): Run {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), `scripts/${script}`, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, SITE_URL: 'https://reviews.example' },
      input: input ?? '',
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Opens the CLI's database (a connection of its own), runs `fn`, and closes it again. */
async function inspect<T>(databaseUrl: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openTarget(resolveDatabaseTarget(databaseUrl));
  try {
    return await fn(db);
  } finally {
    await closeDatabase(db);
  }
}

describe('npm run user:create and user:reset-password', { timeout: 60_000 }, () => {
  // The CLIs' database, on the engine of the test project: its URL is their DATABASE_URL.
  let database: TestDatabase;
  let url: string;
  const create = (args: string[], input?: string) => cli('user-create.ts', url, args, input);
  const usersNow = async () => await inspect(url, async (db) => await db.select().from(users));

  beforeAll(async () => {
    database = await createTestDatabase();
    url = database.url;
  });
  afterAll(() => database.cleanup());

  it('creates a user with the given role and password', async () => {
    const run = create([
      '--email',
      'Edith@Example.com',
      '--name',
      'Edith Editor',
      '--role',
      'editor',
      '--password',
      PASSWORD,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Created editor edith@example.com');
    expect(run.stdout).not.toContain(PASSWORD);

    const created = await inspect(url, async (db) => await userByEmail(db, 'edith@example.com'));
    expect(created).toMatchObject({ name: 'Edith Editor', role: 'editor', active: true });
    expect(await verifyPassword(created!.passwordHash, PASSWORD)).toBe(true);
    const audit = await inspect(url, async (db) => await db.select().from(auditLog));
    expect(audit.map((row) => row.action)).toEqual(['user.create']);
  });

  const refusals: Array<{ name: string; args: string[]; input?: string; message: RegExp }> = [
    {
      name: 'a duplicate email',
      args: ['--email', 'EDITH@example.com', '--name', 'Again', '--role', 'writer'],
      input: 'another good password',
      message: /already exists/,
    },
    {
      name: 'an unknown role',
      args: ['--email', 'root@example.com', '--name', 'Root', '--role', 'superuser'],
      input: PASSWORD,
      message: /--role must be one of: admin, editor, writer/,
    },
    {
      name: 'a short password',
      args: ['--email', 'short@example.com', '--name', 'Short', '--role', 'writer'],
      input: 'short pass',
      message: /--password: Use at least 12 characters/,
    },
    {
      name: 'a common password',
      args: ['--email', 'common@example.com', '--name', 'Common', '--role', 'writer'],
      input: 'password1234',
      message: /--password: This password is too common/,
    },
    {
      name: 'a missing --name',
      args: ['--email', 'noname@example.com', '--role', 'writer', '--password', PASSWORD],
      message: /Missing --name/,
    },
    {
      name: 'an unknown option',
      args: [
        '--email',
        'extra@example.com',
        '--name',
        'Extra',
        '--role',
        'writer',
        '--password',
        PASSWORD,
        '--admin',
      ],
      message: /Unknown option '--admin'/,
    },
    {
      name: 'an invalid email',
      args: ['--email', 'not-an-email', '--name', 'Bad', '--role', 'writer'],
      input: PASSWORD,
      message: /--email: Enter a valid email address/,
    },
  ];

  it.each(refusals)('refuses $name with a clear message and creates nothing', async (refusal) => {
    const before = await usersNow();
    expect(before.length).toBeGreaterThan(0);
    const run = create(refusal.args, refusal.input);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(refusal.message);
    expect(run.stderr).toMatch(/^Error: /);
    // A known mistake is explained, not answered with a stack trace.
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await usersNow()).toEqual(before);
  });

  it('reads the password from standard input when --password is not given', async () => {
    const run = create(
      ['--email', 'wren@example.com', '--name', 'Wren Writer', '--role', 'writer'],
      'stdin password with spaces\n',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const created = await inspect(url, async (db) => await userByEmail(db, 'wren@example.com'));
    expect(created).toMatchObject({ role: 'writer' });
    // The final newline (the Enter key) is not part of the password; the spaces are.
    expect(await verifyPassword(created!.passwordHash, 'stdin password with spaces')).toBe(true);
  });

  it('prints a working one-time reset link for an existing user', async () => {
    const run = cli('user-reset-password.ts', url, ['--email', 'Wren@example.com']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const match = run.stdout.match(/https:\/\/reviews\.example\/set-password\?token=([\w-]+)/);
    expect(match, run.stdout).not.toBeNull();

    const newPassword = 'a brand new passphrase';
    // The link works for another process (a second connection, closed by cleanup()).
    const db = database.reopen();
    await setPasswordWithToken(db, { token: match![1]!, password: newPassword }, null);
    const user = await userByEmail(db, 'wren@example.com');
    expect(await verifyPassword(user!.passwordHash, newPassword)).toBe(true);
    expect(await verifyPassword(user!.passwordHash, 'stdin password with spaces')).toBe(false);
  });

  it('exits 1 for an unknown email and issues no link', () => {
    const run = cli('user-reset-password.ts', url, ['--email', 'nobody@example.com']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/No user has the email nobody@example\.com/);
    expect(run.stdout).not.toContain('token=');
  });

  it('exits non-zero when --email is missing', () => {
    const run = cli('user-reset-password.ts', url, []);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Missing --email/);
  });

  it('creates users that can sign in', async () => {
    // The CLI wrote to its own database; sign in against it through the process-wide connection.
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      const result = await signIn({
        email: 'edith@example.com',
        password: PASSWORD,
        ip: null,
        userAgent: null,
      });
      expect(result).toMatchObject({ ok: true });
    } finally {
      await closeDb();
      process.env.DATABASE_URL = previous;
    }
  });
});
