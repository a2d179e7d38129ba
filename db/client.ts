import { env } from '../lib/env';
import { resolveDatabaseTarget, type DatabaseTarget } from '../lib/database-path';
import { closePostgresDatabase, openPostgresDatabase } from './engine/postgres';
import { closeSqliteDatabase, openSqliteDatabase } from './engine/sqlite';
import { engineOf } from './engine/dialect';
import type { Db } from './engine/types';

export type { Db, Tx } from './engine/types';

/** Opens the SQLite database at `filePath` (or ':memory:'). */
export function openDatabase(filePath: string): Db {
  return openSqliteDatabase(filePath);
}

/** Opens the database a DATABASE_URL names, on its engine. */
export function openTarget(target: DatabaseTarget): Db {
  return target.engine === 'postgres'
    ? openPostgresDatabase(target.url, env().DATABASE_POOL_MAX)
    : openSqliteDatabase(target.path);
}

async function closeTarget(target: DatabaseTarget, db: Db): Promise<void> {
  if (target.engine === 'postgres') await closePostgresDatabase(db);
  else await closeSqliteDatabase(db);
}

/** Closes a database opened with openDatabase or openTarget, on either engine. */
export async function closeDatabase(db: Db): Promise<void> {
  if (engineOf(db) === 'postgres') await closePostgresDatabase(db);
  else await closeSqliteDatabase(db);
}

type Cached = { key: string; target: DatabaseTarget; db: Db };

// One database per process. Cached on globalThis so that development hot reloads, which
// re-evaluate this module, reuse it instead of opening it again.
const globalForDb = globalThis as unknown as { reviewCmsDb?: Cached };

const keyOf = (target: DatabaseTarget) => (target.engine === 'postgres' ? target.url : target.path);

/** The process-wide database named by DATABASE_URL. */
export function getDb(): Db {
  const target = resolveDatabaseTarget();
  const cached = globalForDb.reviewCmsDb;
  if (cached && cached.key === keyOf(target)) return cached.db;
  if (cached) void closeTarget(cached.target, cached.db);
  const db = openTarget(target);
  globalForDb.reviewCmsDb = { key: keyOf(target), target, db };
  return db;
}

/** Closes the process-wide database (scripts and tests call this before exiting). */
export async function closeDb(): Promise<void> {
  const cached = globalForDb.reviewCmsDb;
  globalForDb.reviewCmsDb = undefined;
  if (cached) await closeTarget(cached.target, cached.db);
}
