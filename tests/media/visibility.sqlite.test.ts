import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb, type Db } from '../../db/client';
import { getMediaFile } from '../../db/media/media';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../db/migrate';
import { query } from '../support/raw-sql';
import { rawSqlite } from '../support/raw-sqlite';
import { recordedStatements, type RecordedStatement } from '../support/recorded-statements';
import { createSqliteTestDatabase } from '../support/temp-db';
import { addLibraryImage } from '../support/library-image';
import { publishExamples, writeWorkingExamples } from './media-use-examples';

// The SQLite side of tests/media/visibility.test.ts: how SQLite's planner answers "does a
// published review show this image?", and the SQLite migrations (0007, 0009) that backfilled
// published_media and working_media on databases from before them. PostgreSQL was created
// with both tables, so it has no backfill; the rows publishing writes are checked on both
// engines in visibility.test.ts.

vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => null) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));

const uploadsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-visibility-'));
process.env.UPLOADS_DIR = uploadsRoot;

beforeAll(async () => {
  await migrateDatabase(getDb());
});

afterAll(() => {
  fs.rmSync(uploadsRoot, { recursive: true, force: true });
  delete process.env.UPLOADS_DIR;
});

/** A library image with its files on disk (their bytes do not matter to serving them). */
async function addImage(name: string): Promise<number> {
  return addLibraryImage(uploadsRoot, { originalName: name, width: 2000, height: 1000, bytes: 1 });
}

describe('published_media', () => {
  let sqlite: Database.Database;
  beforeAll(() => {
    sqlite = rawSqlite(getDb());
  });

  /** The statements `run` prepares, as the connection sees them, with their parameters. */
  async function recorded(run: () => Promise<unknown>): Promise<RecordedStatement[]> {
    return recordedStatements(getDb(), run);
  }

  const plan = (statement: { sql: string; params: unknown[] }) =>
    (
      sqlite.prepare(`explain query plan ${statement.sql}`).all(...statement.params) as Array<{
        detail: string;
      }>
    ).map((row) => row.detail);

  it('answers "does a published review show this image?" from its media_id index', async () => {
    const id = await addImage('planned.png');
    const statements = (await recorded(() => getMediaFile(String(id), '640.webp'))).filter(
      (statement) => /\bpublished_media\b/.test(statement.sql),
    );
    expect(statements).toHaveLength(1);
    const details = plan(statements[0]!);
    expect(details).toContain('SEARCH media USING INTEGER PRIMARY KEY (rowid=?)');
    expect(details).toContain(
      'SEARCH published_media USING COVERING INDEX published_media_media_idx (media_id=?)',
    );
    expect(details.filter((detail) => detail.startsWith('SCAN'))).toEqual([]);
    // And the cascade from published_reviews finds a review's rows by the primary key.
    const cascade = plan({ sql: 'delete from published_media where review_id = ?', params: [1] });
    expect(cascade).toHaveLength(1);
    expect(cascade[0]).toMatch(/^SEARCH published_media USING .*\(review_id=\?\)$/);
  });

  it('the migration backfills, in SQL, exactly the rows publishing (JS) writes', async () => {
    // Its own database, where reviews are published and the table is then taken away again,
    // as on a database from before this migration: applying it must bring the rows back.
    const { db, cleanup } = await createSqliteTestDatabase();
    try {
      await publishExamples(db);
      const rows = async () =>
        await query(
          db,
          'select review_id, media_id from published_media order by review_id, media_id',
        );
      const written = await rows();
      expect(written).toEqual([
        { review_id: 1, media_id: 1 },
        { review_id: 1, media_id: 2 },
        { review_id: 2, media_id: 2 },
        { review_id: 2, media_id: 3 },
        { review_id: 3, media_id: 987_654 },
      ]);

      // The migration's own statements, as the migrator runs them (later migrations, which
      // re-running the migrator from 0007 would repeat, are left alone).
      reapply(db, '0007_published_media.sql', 'published_media');
      expect(await rows()).toEqual(written);
    } finally {
      await cleanup();
    }
  });

  it('0009 backfills, in SQL, the images of each newest revision as every write records them', async () => {
    const { db, cleanup } = await createSqliteTestDatabase();
    try {
      await writeWorkingExamples(db);
      const rows = async () =>
        await query(
          db,
          'select review_id, media_id from working_media order by review_id, media_id',
        );
      const written = await rows();
      expect(written).toEqual([
        { review_id: 1, media_id: 1 },
        { review_id: 1, media_id: 2 },
        { review_id: 3, media_id: 987_654 },
      ]);
      reapply(db, '0009_working_media.sql', 'working_media');
      expect(await rows()).toEqual(written);
    } finally {
      await cleanup();
    }
  });
});

/**
 * A database from before a migration that creates `table`: the table is taken away and the
 * migration's own statements run again, as the migrator runs them (later migrations, which
 * re-running the migrator would repeat, are left alone).
 */
function reapply(db: Db, file: string, table: string): void {
  // The write connection, in one transaction, as the migrator runs a migration.
  const client = rawSqlite(db);
  client.exec(`drop table ${table}`);
  const statements = fs
    .readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8')
    .split('--> statement-breakpoint');
  client.transaction(() => {
    for (const statement of statements) client.exec(statement);
  })();
}
