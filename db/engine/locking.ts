// Row locks for read-then-write transactions (docs/architecture.md, Transactions).
//
// On SQLite a write transaction already runs alone: BEGIN IMMEDIATE, queued in process
// (db/engine/sqlite.ts), so the rows it reads cannot change under it. On PostgreSQL several
// transactions run at once under READ COMMITTED, so a transaction that reads a row to decide
// what to write (a save checks the review's version, publishing its status) must lock it first:
// SELECT … FOR UPDATE makes a second transaction wait for the first to commit and then read the
// row as the first left it.

import { sql } from 'drizzle-orm';
import { engineOf, rawRun } from './dialect';
import { postgresPoolOf } from './postgres';
import type { Db } from './types';

type Lockable<Q> = { for?: (strength: 'update', config?: { skipLocked?: boolean }) => Q };

/** The select, locking the rows it returns until the transaction ends (PostgreSQL). */
export function forUpdate<Q>(query: Q): Q {
  const lockable = query as Lockable<Q>;
  return typeof lockable.for === 'function' ? lockable.for('update') : query;
}

/**
 * The select, locking the rows it returns and skipping rows another transaction holds
 * (PostgreSQL), so concurrent schedulers each claim different due reviews.
 */
export function forUpdateSkipLocked<Q>(query: Q): Q {
  const lockable = query as Lockable<Q>;
  return typeof lockable.for === 'function' ? lockable.for('update', { skipLocked: true }) : query;
}

/**
 * Locks named things (a sign-in throttle key, a save counter) until the transaction ends, on
 * PostgreSQL with transaction-scoped advisory locks: a second transaction asking for one of the
 * same keys waits until the first commits, so a read-then-write of a counter that may not exist
 * yet cannot lose an update. Keys are taken in sorted order, so two transactions cannot each
 * hold one the other waits for.
 */
export async function lockKeys(tx: Db, keys: readonly string[]): Promise<void> {
  // SQLite: the transaction already runs alone (BEGIN IMMEDIATE, one at a time in process).
  if (engineOf(tx) !== 'postgres') return;
  for (const key of [...new Set(keys)].sort()) {
    await rawRun(tx, sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }
}

/**
 * Runs `work` while holding a session-level advisory lock named `key` (PostgreSQL), on a
 * connection of its own: for start-up work that spans several transactions, such as migrating,
 * seeding and creating the first admin, which instances started together on a new database
 * must do one after the other (drizzle's migrator takes no lock of its own, and two instances
 * inserting "the first admin" would both see no users). The next instance waits, then finds the
 * work done. SQLite: `work` as it is (one machine; its writes are already serialised).
 */
export async function withSessionLock<T>(db: Db, key: string, work: () => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'postgres') return work();
  const client = await postgresPoolOf(db).connect();
  let broken = false;
  try {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [key]);
    return await work();
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // An unlock that fails leaves the connection holding the lock: it is closed, not reused.
    await client
      .query('select pg_advisory_unlock(hashtextextended($1, 0))', [key])
      .then(() => client.release(broken))
      .catch((error: unknown) => client.release(error instanceof Error ? error : true));
  }
}
