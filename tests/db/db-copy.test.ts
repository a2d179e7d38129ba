import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { asc, eq } from 'drizzle-orm';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { tableChecksum } from '../../db/copy/checksums';
import { copyDatabase, type CopyReport } from '../../db/copy/copy-database';
import { parseEndpoint, type Endpoint } from '../../db/copy/endpoints';
import { openSqliteSource } from '../../db/copy/sqlite-engine';
import { copyPlan } from '../../db/copy/table-order';
import { generateFixtures } from '../../db/fixtures/generate';
import * as sqliteSchema from '../../db/schema-sqlite';
import * as pgSchema from '../../db/schema-postgres';
import {
  createThrowawayDatabases,
  postgresDatabaseUrl as databaseUrl,
  throwawayName,
} from '../support/throwaway-postgres';
import { rawSqlite } from '../support/raw-sqlite';
import { closeSqliteDatabase } from '../../db/engine/sqlite';

// npm run db:copy (issue 16): a fixture publication copied SQLite → PostgreSQL → SQLite on a real
// server, in throwaway databases this file creates and drops. Never skipped: an unreachable
// server fails the suite (as tests/db/postgres-migrations.test.ts).

const ROOT = path.resolve(import.meta.dirname, '../..');
const COPY_DB = throwawayName('copy');
const FOREIGN_DB = throwawayName('foreign');
const REVIEWS = 300;

let databases: Awaited<ReturnType<typeof createThrowawayDatabases>> | undefined;
let dir: string;
let sourcePath: string;
let pool: pg.Pool | undefined;
let first: CopyReport;

const endpoint = (value: string): Endpoint => parseEndpoint(value, ROOT);
const quiet = () => {};

beforeAll(async () => {
  databases = await createThrowawayDatabases([COPY_DB, FOREIGN_DB]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-db-copy-'));
  sourcePath = path.join(dir, 'source.db');
  await generateFixtures({
    file: sourcePath,
    reviews: REVIEWS,
    seed: 7,
    now: new Date('2026-03-01T09:00:00Z'),
  });
  addOddRows(sourcePath);
  pool = new pg.Pool({ connectionString: databaseUrl(COPY_DB), max: 2 });
  // Dropping the databases afterwards (WITH FORCE) ends any connection still idle here: that
  // must not surface as an unhandled 'error' event.
  pool.on('error', () => {});
  first = await copyDatabase({
    from: endpoint(sourcePath),
    to: endpoint(databaseUrl(COPY_DB)),
    force: false,
    log: quiet,
  });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await databases?.dropAll();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Rows the fixture has none of: JSON (jsonb on PostgreSQL), text keys, a false boolean. */
function addOddRows(file: string): void {
  const db = openDatabase(file);
  try {
    const now = Date.parse('2026-03-01T10:00:00Z');
    rawSqlite(db)
      .prepare(
        `insert into media (storage_key, original_name, mime_type, width, height, bytes, variants, alt, uploaded_by, created_at)
         values ('k1', 'poster.jpg', 'image/jpeg', 800, 1200, 12345, '[320,640]', 'A poster', 1, ?)`,
      )
      .run(now);
    rawSqlite(db)
      .prepare(
        `insert into sessions (id, user_id, session_version, created_at, last_seen_at, expires_at, ip)
         values ('Zz-session', 1, 1, ?, ?, ?, '203.0.113.9'), ('a-session', 2, 1, ?, ?, ?, null)`,
      )
      .run(now, now, now + 1000, now, now, now + 1000);
    rawSqlite(db)
      .prepare(
        `insert into auth_throttles (key, failures, window_started_at) values ('ip:1.2.3.4', 3, ?)`,
      )
      .run(now);
    rawSqlite(db).prepare(`update users set active = 0 where id = 3`).run();
  } finally {
    void closeSqliteDatabase(db);
  }
}

function sqliteRead() {
  const client = new Database(sourcePath, { readonly: true });
  return { client, db: sqliteDrizzle({ client, schema: sqliteSchema }) };
}

function count(file: string, table: string): number {
  const client = new Database(file, { readonly: true });
  try {
    return client.prepare(`select count(*) from "${table}"`).pluck().get() as number;
  } finally {
    client.close();
  }
}

async function pgCount(table: string): Promise<number> {
  const { rows } = await pool!.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
  return rows[0]!.n;
}

describe('db:copy SQLite → PostgreSQL', { timeout: 120_000 }, () => {
  it('copies every table with the same row counts and checksums', async () => {
    expect(first.ok).toBe(true);
    expect(first.tables.map((t) => t.table).sort()).toEqual(
      copyPlan()
        .map((p) => p.name)
        .sort(),
    );
    for (const table of first.tables) {
      expect(table.match, table.table).toBe(true);
      expect(await pgCount(table.table), table.table).toBe(count(sourcePath, table.table));
    }
    expect(await pgCount('reviews')).toBe(REVIEWS);
    expect(await pgCount('media')).toBe(1);
  });

  it('reads back a published review, its sections and credits, an audit row and users equal', async () => {
    const { client, db } = sqliteRead();
    const pgDb = pgDrizzle({ client: pool!, schema: pgSchema });
    try {
      const published = db.select().from(sqliteSchema.publishedReviews).limit(1).all()[0]!;
      const id = published.reviewId;
      const [pgPublished] = await pgDb
        .select()
        .from(pgSchema.publishedReviews)
        .where(eq(pgSchema.publishedReviews.reviewId, id));
      expect(pgPublished).toEqual(published);
      expect(published.publishedAt).toBeInstanceOf(Date);

      const review = db
        .select()
        .from(sqliteSchema.reviews)
        .where(eq(sqliteSchema.reviews.id, id))
        .get();
      const [pgReview] = await pgDb
        .select()
        .from(pgSchema.reviews)
        .where(eq(pgSchema.reviews.id, id));
      expect(pgReview).toEqual(review);
      expect(pgReview!.publishedRevisionId).not.toBeNull();

      const sections = db
        .select()
        .from(sqliteSchema.sections)
        .where(eq(sqliteSchema.sections.reviewId, id))
        .orderBy(asc(sqliteSchema.sections.position))
        .all();
      expect(sections.length).toBeGreaterThan(0);
      expect(
        await pgDb
          .select()
          .from(pgSchema.sections)
          .where(eq(pgSchema.sections.reviewId, id))
          .orderBy(asc(pgSchema.sections.position)),
      ).toEqual(sections);

      const credits = db
        .select()
        .from(sqliteSchema.credits)
        .where(eq(sqliteSchema.credits.reviewId, id))
        .orderBy(asc(sqliteSchema.credits.id))
        .all();
      expect(
        await pgDb
          .select()
          .from(pgSchema.credits)
          .where(eq(pgSchema.credits.reviewId, id))
          .orderBy(asc(pgSchema.credits.id)),
      ).toEqual(credits);

      const audit = db
        .select()
        .from(sqliteSchema.auditLog)
        .orderBy(asc(sqliteSchema.auditLog.id))
        .limit(3)
        .all();
      expect(
        await pgDb.select().from(pgSchema.auditLog).orderBy(asc(pgSchema.auditLog.id)).limit(3),
      ).toEqual(audit);

      const users = db.select().from(sqliteSchema.users).orderBy(asc(sqliteSchema.users.id)).all();
      expect(users.some((user) => !user.active)).toBe(true);
      expect(await pgDb.select().from(pgSchema.users).orderBy(asc(pgSchema.users.id))).toEqual(
        users,
      );

      const media = await pgDb.select().from(pgSchema.media);
      expect(media[0]!.variants).toEqual([320, 640]);
    } finally {
      client.close();
    }
  });

  it('rebuilds review_search: a row per published review, found by a word of its headline', async () => {
    expect(await pgCount('review_search')).toBe(count(sourcePath, 'published_reviews'));
    expect(first.searchRows).toBe(count(sourcePath, 'published_reviews'));
    const { rows } = await pool!.query<{ review_id: number; headline: string }>(
      'select review_id, headline from published_reviews order by review_id limit 1',
    );
    const word = rows[0]!.headline
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4)
      .sort((a, b) => b.length - a.length)[0]!;
    const found = await pool!.query<{ review_id: number }>(
      `select review_id from review_search where document @@ plainto_tsquery('simple', $1)`,
      [word],
    );
    expect(found.rows.map((row) => row.review_id)).toContain(rows[0]!.review_id);
    // The same text as the SQLite FTS5 row, so snippets read the same.
    const client = new Database(sourcePath, { readonly: true });
    try {
      const fts = client
        .prepare(
          'select headline, work_title, dek, people, body from review_search where rowid = ?',
        )
        .get(rows[0]!.review_id);
      const { rows: pgRow } = await pool!.query(
        'select headline, work_title, dek, people, body from review_search where review_id = $1',
        [rows[0]!.review_id],
      );
      expect(pgRow[0]).toEqual(fts);
    } finally {
      client.close();
    }
  });
});

describe('db:copy PostgreSQL → SQLite', { timeout: 120_000 }, () => {
  it('gives back the original tables, checksum for checksum', async () => {
    const back = path.join(dir, 'back.db');
    const report = await copyDatabase({
      from: endpoint(databaseUrl(COPY_DB)),
      to: endpoint(back),
      force: false,
      log: quiet,
    });
    expect(report.ok).toBe(true);
    const [original, copy] = await Promise.all([
      openSqliteSource(endpoint(sourcePath) as Endpoint & { kind: 'sqlite' }),
      openSqliteSource(endpoint(back) as Endpoint & { kind: 'sqlite' }),
    ]);
    try {
      for (const plan of copyPlan()) {
        expect(await tableChecksum(copy, plan, 1000), plan.name).toEqual(
          await tableChecksum(original, plan, 1000),
        );
      }
    } finally {
      await original.finish(true);
      await copy.finish(true);
    }
    expect(count(back, 'review_search')).toBe(count(sourcePath, 'published_reviews'));
    // AUTOINCREMENT counters carried over, never below the source's.
    const seq = (file: string) => {
      const client = new Database(file, { readonly: true });
      try {
        return client
          .prepare('select name, seq from sqlite_sequence order by name')
          .all() as Array<{
          name: string;
          seq: number;
        }>;
      } finally {
        client.close();
      }
    };
    const before = new Map(seq(sourcePath).map((row) => [row.name, row.seq]));
    for (const row of seq(back)) expect(row.seq).toBeGreaterThanOrEqual(before.get(row.name) ?? 0);
    expect(fs.readdirSync(dir).filter((name) => name.includes('.copy-'))).toEqual([]);
  });
});

describe('db:copy refuses a non-empty destination unless --force', { timeout: 120_000 }, () => {
  it('refuses the PostgreSQL copy now that it has rows, and replaces it with --force', async () => {
    const options = { from: endpoint(sourcePath), to: endpoint(databaseUrl(COPY_DB)), log: quiet };
    await expect(copyDatabase({ ...options, force: false })).rejects.toThrow(
      /is not empty \(table \w+ has rows\); use --force/,
    );
    const report = await copyDatabase({ ...options, force: true });
    expect(report.ok).toBe(true);
    expect(await pgCount('reviews')).toBe(REVIEWS);
  });

  it('refuses a PostgreSQL database whose tables are not ours, and replaces it with --force', async () => {
    const foreign = new pg.Client({ connectionString: databaseUrl(FOREIGN_DB) });
    await foreign.connect();
    try {
      await foreign.query('create table notes (id int)');
      const options = {
        from: endpoint(sourcePath),
        to: endpoint(databaseUrl(FOREIGN_DB)),
        log: quiet,
      };
      await expect(copyDatabase({ ...options, force: false })).rejects.toThrow(
        /not a CMS database's; use --force/,
      );
      expect((await copyDatabase({ ...options, force: true })).ok).toBe(true);
      const { rows } = await foreign.query(`select to_regclass('public.notes') as notes`);
      expect(rows[0].notes).toBeNull();
    } finally {
      await foreign.end();
    }
  });

  it('refuses a SQLite file with rows, and replaces it whole with --force', async () => {
    const target = path.join(dir, 'target.db');
    fs.copyFileSync(sourcePath, target);
    const db = openDatabase(target);
    rawSqlite(db)
      .prepare(`insert into genres (name, slug) values ('Only here', 'only-here')`)
      .run();
    void closeSqliteDatabase(db);
    const options = { from: endpoint(databaseUrl(COPY_DB)), to: endpoint(target), log: quiet };
    await expect(copyDatabase({ ...options, force: false })).rejects.toThrow(/is not empty/);
    expect(count(target, 'genres')).toBe(count(sourcePath, 'genres') + 1);
    expect((await copyDatabase({ ...options, force: true })).ok).toBe(true);
    expect(count(target, 'genres')).toBe(count(sourcePath, 'genres'));
  });
});

describe('db:copy id counters', () => {
  it('PostgreSQL sequences are past the largest copied id', async () => {
    const { rows } = await pool!.query<{ id: number; max: number }>(
      `insert into genres (name, slug) values ('New', 'brand-new-genre')
       returning id, (select max(id) from genres) as max`,
    );
    expect(rows[0]!.id).toBeGreaterThan(rows[0]!.max);
    const maxReview = (await pool!.query<{ m: number }>('select max(id) as m from reviews'))
      .rows[0]!.m;
    const review = await pool!.query<{ id: number }>(
      `insert into reviews (slug, created_at, updated_at) values ('after-copy', now(), now()) returning id`,
    );
    expect(review.rows[0]!.id).toBeGreaterThan(maxReview);
    const audit = await pool!.query<{ id: number }>(
      `insert into audit_log (created_at, action) values (now(), 'auth.sign_in') returning id`,
    );
    expect(audit.rows[0]!.id).toBeGreaterThan(count(sourcePath, 'audit_log'));
  });
});

function cli(args: string[]) {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/db-copy.ts', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One line on stderr, exit 1, no stack trace. */
function expectOneLineError(result: ReturnType<typeof cli>, message: RegExp) {
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('npm run db:copy', { timeout: 120_000 }, () => {
  it('copies with --force, progress on stderr and the table on stdout', () => {
    const result = cli(['--from', sourcePath, '--to', databaseUrl(COPY_DB), '--force']);
    expect(result.stderr).toContain('reviews: 300 rows copied');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^reviews\s+300\s+match /m);
    expect(result.stdout).toMatch(/Copied [\d,]+ rows in [\d.]+ s/);
    expect(result.stdout).not.toContain('MISMATCH');
  });

  it('says what is wrong in one line', () => {
    expectOneLineError(cli([]), /Error: Name both --from and --to/);
    expectOneLineError(cli(['--from', sourcePath]), /Name both --from and --to/);
    expectOneLineError(cli(['--from', sourcePath, '--to', sourcePath]), /name the same database/);
    expectOneLineError(
      cli(['--from', sourcePath, '--to', 'mysql://root:secret@db/cms']),
      /neither a SQLite file path nor a postgres:\/\/ or postgresql:\/\/ URL/,
    );
    expectOneLineError(
      cli(['--from', path.join(dir, 'missing.db'), '--to', databaseUrl(COPY_DB)]),
      /No SQLite database at .*missing\.db/,
    );
    expectOneLineError(
      cli(['--from', sourcePath, '--to', 'postgresql://postgres@127.0.0.1:1/cms']),
      /Cannot connect to PostgreSQL at 127\.0\.0\.1:1: connection refused/,
    );
    const refused = new URL(databaseUrl(COPY_DB));
    refused.username = 'no_such_role_db_copy';
    expectOneLineError(
      cli(['--from', sourcePath, '--to', refused.toString()]),
      /Cannot connect to PostgreSQL at [^:]+:\d+: login refused/,
    );
  });

  it('refuses a source that is behind the migrations', () => {
    const behind = path.join(dir, 'behind.db');
    fs.copyFileSync(sourcePath, behind);
    const client = new Database(behind);
    client.exec(
      'delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)',
    );
    client.close();
    expectOneLineError(
      cli(['--from', behind, '--to', path.join(dir, 'never.db')]),
      /is behind this version's migrations/,
    );
    expect(fs.existsSync(path.join(dir, 'never.db'))).toBe(false);
  });
});
