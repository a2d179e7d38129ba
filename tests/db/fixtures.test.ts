import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureError, generateFixtures } from '../../db/fixtures/generate';
import { validateRichText } from '../../lib/content/rich-text/validate';

// The fixture generator (npm run db:generate-fixtures) writes its rows in bulk, for speed; these
// tests generate the same catalogue a second time through the app's own functions (insertReview,
// appendRevision, publishNewestRevision → publishRevision, recordAudit) and require identical tables.

const run = promisify(execFile);
const NOW = new Date('2026-03-01T09:00:00Z');
const REVIEWS = 160;

let dir: string;
let bulk: Database.Database;
let app: Database.Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-fixtures-'));
  for (const method of ['bulk', 'app'] as const)
    await generateFixtures({
      file: path.join(dir, `${method}.db`),
      reviews: REVIEWS,
      seed: 42,
      now: NOW,
      method,
    });
  bulk = new Database(path.join(dir, 'bulk.db'), { readonly: true });
  app = new Database(path.join(dir, 'app.db'), { readonly: true });
});

afterAll(() => {
  bulk?.close();
  app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every row of a table in a stable order, leaving out columns stamped with the wall clock. */
function rows(db: Database.Database, table: string, orderBy: string, except: string[] = []) {
  const columns = (
    db.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]
  ).filter((column) => !except.includes(column));
  return db.prepare(`select ${columns.join(', ')} from ${table} order by ${orderBy}`).all();
}

describe('bulk fixtures', () => {
  it.each([
    ['reviews', 'id'],
    ['review_revisions', 'id'],
    ['published_reviews', 'review_id'],
    ['sections', 'review_id, position'],
    ['credits', 'id'],
    ['review_genres', 'review_id, genre_id'],
    ['genres', 'id'],
    ['audit_log', 'id'],
  ])('write the same %s rows as the app', (table, orderBy) => {
    const expected = rows(app, table, orderBy);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows(bulk, table, orderBy)).toEqual(expected);
  });

  it('write the same people (created_at is the clock at publishing, in both)', () => {
    expect(rows(bulk, 'people', 'id', ['created_at'])).toEqual(
      rows(app, 'people', 'id', ['created_at']),
    );
  });

  it('write the same search rows as publishRevision', () => {
    const search = (db: Database.Database) =>
      db.prepare('select rowid, * from review_search order by rowid').all();
    expect(search(bulk)).toEqual(search(app));
    expect(search(bulk).length).toBe(
      bulk.prepare('select count(*) from published_reviews').pluck().get(),
    );
  });

  it('keep the title indexes in step (the triggers on reviews), and every constraint', () => {
    for (const db of [bulk, app]) {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    }
    // 'integrity-check' compares an external-content FTS5 index with its table; needs writing.
    const writable = new Database(path.join(dir, 'bulk.db'));
    try {
      for (const table of ['review_title_trigrams', 'review_title_words', 'review_search'])
        expect(() =>
          writable.prepare(`insert into ${table} (${table}) values ('integrity-check')`).run(),
        ).not.toThrow();
    } finally {
      writable.close();
    }
  });

  it('store section bodies exactly as the rich-text validator returns them', () => {
    const bodies = bulk.prepare('select body from sections').pluck().all() as string[];
    expect(bodies.length).toBeGreaterThan(REVIEWS);
    for (const body of bodies.slice(0, 200)) {
      const result = validateRichText(JSON.parse(body));
      expect(result.ok && JSON.stringify(result.doc)).toBe(body);
    }
  });

  it('hold a realistic mix: every status, autosaves, spoilers, ratings, several people', () => {
    const count = (sql: string) => bulk.prepare(sql).pluck().get() as number;
    const statuses = bulk
      .prepare('select status, count(*) as n from reviews group by status')
      .all() as Array<{ status: string; n: number }>;
    expect(statuses.map((row) => row.status).sort()).toEqual([
      'archived',
      'draft',
      'in_review',
      'published',
      'scheduled',
    ]);
    expect(count("select count(*) from reviews where status = 'published'")).toBeGreaterThan(
      REVIEWS * 0.7,
    );
    expect(count("select count(*) from review_revisions where kind = 'autosave'")).toBeGreaterThan(
      0,
    );
    expect(count('select count(*) from sections where spoiler = 1')).toBeGreaterThan(0);
    expect(count('select count(*) from reviews where rating_value is not null')).toBeGreaterThan(0);
    expect(
      count("select count(*) from credits where role = 'cast' and character is not null"),
    ).toBeGreaterThan(0);
    expect(count('select max(version) from reviews')).toBeLessThanOrEqual(4);
    // Nothing scheduled is due yet: a server started on the fixture publishes nothing by itself.
    expect(
      count(
        `select count(*) from reviews where status = 'scheduled' and scheduled_for <= ${NOW.getTime()}`,
      ),
    ).toBe(0);
  });
});

describe('the generator refuses', () => {
  it("the app's database, an existing file without force, and bad numbers", async () => {
    await expect(generateFixtures({ file: './data/cms.db', reviews: 1 })).rejects.toThrow(
      /app's database/,
    );
    await expect(
      generateFixtures({ file: path.join(dir, 'bulk.db'), reviews: 1 }),
    ).rejects.toBeInstanceOf(FixtureError);
    await expect(generateFixtures({ file: path.join(dir, 'x.db'), reviews: 0 })).rejects.toThrow(
      /--reviews/,
    );
    await expect(
      generateFixtures({ file: path.join(dir, 'missing', 'x.db'), reviews: 1 }),
    ).rejects.toThrow(/does not exist/);
    expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
  });

  it('from the command line with a message and a non-zero exit', async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/generate-fixtures.ts', ...args], {
        cwd: path.resolve(__dirname, '../..'),
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
    const missing = await cli('--reviews', '10');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Missing --database/);
    const bad = await cli('--reviews', 'ten', '--database', path.join(dir, 'y.db'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--reviews must be a whole number/);
    const existing = await cli('--reviews', '10', '--database', path.join(dir, 'bulk.db'));
    expect(existing.stderr).toMatch(/already exists: pass --force/);
  }, 30_000);
});
