import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { resolveDatabasePath } from '../lib/database-path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * The database or an open transaction: what the synchronous building blocks in db/ take, so
 * they run inside whichever transaction their caller opened.
 */
export type Tx = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

/**
 * Opens a SQLite database with the settings every connection must have.
 * WAL lets readers proceed while a writer commits; NORMAL sync is durable across application
 * crashes in WAL mode; busy_timeout makes a second writer wait instead of failing at once.
 */
export function openDatabase(filePath: string): Db {
  if (filePath !== ':memory:') fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const sqlite = new Database(filePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return drizzle({ client: sqlite, schema });
}

// One connection per process. Cached on globalThis so that development hot reloads, which
// re-evaluate this module, reuse it instead of opening the file again.
const globalForDb = globalThis as unknown as { reviewCmsDb?: { path: string; db: Db } };

/** The process-wide connection to the database named by DATABASE_URL. */
export function getDb(): Db {
  const filePath = resolveDatabasePath();
  const cached = globalForDb.reviewCmsDb;
  if (cached && cached.path === filePath) return cached.db;
  cached?.db.$client.close();
  const db = openDatabase(filePath);
  globalForDb.reviewCmsDb = { path: filePath, db };
  return db;
}

/** Closes the process-wide connection (scripts and tests call this before exiting). */
export function closeDb(): void {
  globalForDb.reviewCmsDb?.db.$client.close();
  globalForDb.reviewCmsDb = undefined;
}
