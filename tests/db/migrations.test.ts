import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { resolveDatabasePath, resolveDatabaseTarget } from '../../lib/database-path';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../db/migrate';
import { createSqliteTestDatabase, temporaryDatabasePath } from '../support/temp-db';
import { rawSqlite } from '../support/raw-sqlite';
import { closeSqliteDatabase } from '../../db/engine/sqlite';

const journal = JSON.parse(
  fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
) as { entries: Array<{ tag: string }> };

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('migrations', () => {
  it('apply in order to a fresh database file and create every table', async () => {
    const { db, file, cleanup } = await createSqliteTestDatabase();
    cleanups.push(cleanup);
    expect(fs.existsSync(file)).toBe(true);

    const tables = rawSqlite(db)
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        '__drizzle_migrations',
        'credits',
        'genres',
        'people',
        'published_reviews',
        'review_genres',
        'review_revisions',
        'reviews',
        'sections',
        'users',
      ]),
    );
    const applied = rawSqlite(db)
      .prepare('select count(*) from __drizzle_migrations')
      .pluck()
      .get();
    expect(applied).toBe(journal.entries.length);
  });

  it('are skipped when already applied', async () => {
    const { db, cleanup } = await createSqliteTestDatabase();
    cleanups.push(cleanup);
    await migrateDatabase(db);
    await migrateDatabase(db);
    const applied = rawSqlite(db)
      .prepare('select count(*) from __drizzle_migrations')
      .pluck()
      .get();
    expect(applied).toBe(journal.entries.length);
  });
});

describe('connection settings', () => {
  it('opens every connection with WAL, foreign keys, a busy timeout and NORMAL sync', () => {
    const file = temporaryDatabasePath();
    const db = openDatabase(file);
    cleanups.push(() => void closeSqliteDatabase(db));
    const pragma = (name: string) => rawSqlite(db).pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('synchronous')).toBe(1); // NORMAL
  });
});

describe('DATABASE_URL', () => {
  it('accepts a plain path, a file: URL and a file:// URL, and defaults to ./data/cms.db', () => {
    expect(resolveDatabasePath('/tmp/a.db')).toBe('/tmp/a.db');
    expect(resolveDatabasePath('file:/tmp/b.db')).toBe('/tmp/b.db');
    expect(resolveDatabasePath('file:///tmp/c.db')).toBe('/tmp/c.db');
    expect(resolveDatabasePath('relative/d.db')).toBe(path.resolve('relative/d.db'));
    expect(resolveDatabasePath('')).toBe(path.resolve('data/cms.db'));
  });

  it('names PostgreSQL for a postgres:// or postgresql:// URL, and refuses other schemes', () => {
    expect(resolveDatabaseTarget('postgres://db.example/cms')).toEqual({
      engine: 'postgres',
      url: 'postgres://db.example/cms',
    });
    expect(resolveDatabaseTarget('postgresql://u:p@db.example:5433/cms').engine).toBe('postgres');
    expect(resolveDatabaseTarget('./data/x.db')).toEqual({
      engine: 'sqlite',
      path: path.resolve('data/x.db'),
    });
    expect(() => resolveDatabaseTarget('mysql://db.example/cms')).toThrow(/postgres:\/\/ URL/);
    // The tools that work on the SQLite file itself say so.
    expect(() => resolveDatabasePath('postgres://db.example/cms')).toThrow(/PostgreSQL server/);
  });
});
