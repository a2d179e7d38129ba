import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openTarget, type Db } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import type { DatabaseTarget } from '../../lib/database-path';
import { createThrowawayDatabases, postgresDatabaseUrl, throwawayName } from './throwaway-postgres';

/** A path for a new database file in a fresh temporary directory. */
export function temporaryDatabasePath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-test-')), 'cms.db');
}

export type TestDatabase = {
  db: Db;
  /** Its DATABASE_URL, for a CLI or server started on it. */
  url: string;
  /** Another connection (pool) to the same database, as a second process would open. */
  reopen: () => Db;
  /** Closes every connection opened here and removes the database. */
  cleanup: () => Promise<void>;
};

/**
 * A fresh, migrated database of its own on the engine of the test project (TEST_ENGINE): a
 * SQLite file in a temporary folder, or a throwaway database on the test PostgreSQL server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const opened: Db[] = [];
  let target: DatabaseTarget;
  let remove: () => Promise<void>;
  if (process.env.TEST_ENGINE === 'postgres') {
    const name = throwawayName();
    const server = await createThrowawayDatabases([name]);
    target = { engine: 'postgres', url: postgresDatabaseUrl(name) };
    remove = () => server.dropAll();
  } else {
    const file = temporaryDatabasePath();
    target = { engine: 'sqlite', path: file };
    remove = async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const open = () => {
    const db = openTarget(target);
    opened.push(db);
    return db;
  };
  const db = open();
  await migrateDatabase(db);
  return {
    db,
    url: target.engine === 'postgres' ? target.url : target.path,
    reopen: open,
    cleanup: async () => {
      for (const each of opened) await closeDatabase(each);
      await remove();
    },
  };
}

/** A fresh, migrated SQLite file, for the tests of SQLite's own file and tools. */
export async function createSqliteTestDatabase(): Promise<TestDatabase & { file: string }> {
  if (process.env.TEST_ENGINE === 'postgres') {
    throw new Error(
      'A SQLite-only test ran in the postgres project: list it in SQLITE_ONLY_TESTS.',
    );
  }
  const database = await createTestDatabase();
  return { ...database, file: database.url };
}
