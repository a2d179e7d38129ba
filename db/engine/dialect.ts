import { is, type SQL } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DatabaseEngine } from '../../lib/database-path';
import type { Db } from './types';

// The few places where the two engines differ in how a query is run, named so that
// engine-specific SQL stays in a handful of files (search, the audit trigger, locking).

/** The engine behind a database or a transaction. */
export function engineOf(db: Db): DatabaseEngine {
  return is(db, PgDatabase) ? 'postgres' : 'sqlite';
}

/** The rows of a raw SQL query, on either engine. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  if (engineOf(db) === 'postgres') {
    const result = await (db as unknown as NodePgDatabase).execute(query);
    return result.rows as T[];
  }
  return db.all<T>(query);
}

/** Runs a raw SQL statement, on either engine. */
export async function rawRun(db: Db, query: SQL): Promise<void> {
  if (engineOf(db) === 'postgres') await (db as unknown as NodePgDatabase).execute(query);
  else await db.run(query);
}
