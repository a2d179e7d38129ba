import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from '../schema-sqlite';
import type { Db } from './types';

type SqliteDrizzle = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The two connections of one SQLite database and the queue that serialises its writes. */
type SqliteConnections = {
  reader: SqliteDrizzle;
  writer: SqliteDrizzle;
  /** The write queue of the database file (shared by every `Db` open on it in this process). */
  queue: WriteQueue;
  /**
   * The number of the transaction a piece of async work runs inside, so that a transaction
   * opened within another becomes a savepoint instead of waiting for itself in the queue.
   */
  inside: AsyncLocalStorage<number>;
  /** The number of the write transaction now open, or 0. */
  open: number;
  counter: number;
};

type WriteQueue = {
  /** Settles when the write transaction in progress (if any) has finished. */
  tail: Promise<unknown>;
  /** Write transactions queued or running. */
  pending: number;
};

// One write queue per database file in the process, not per connection: two `Db`s open on the
// same file here (a test's second "instance", a CLI helper) would otherwise deadlock, one
// blocking the event loop in BEGIN IMMEDIATE's busy wait while the other, holding the lock,
// waits for the event loop to finish its transaction.
const QUEUES = Symbol.for('review-cms.sqlite-write-queues');
const globalQueues = globalThis as unknown as { [QUEUES]?: Map<string, WriteQueue> };

function writeQueueOf(filePath: string): WriteQueue {
  const fresh = (): WriteQueue => ({ tail: Promise.resolve(), pending: 0 });
  if (filePath === ':memory:') return fresh();
  const queues = (globalQueues[QUEUES] ??= new Map());
  const key = path.resolve(filePath);
  let queue = queues.get(key);
  if (!queue) queues.set(key, (queue = fresh()));
  return queue;
}

// Kept on the drizzle objects under a global symbol, not in a module-level WeakMap: Next may
// bundle this module into more than one server chunk, and each copy must find the connections
// that another copy opened (getDb's cache lives on globalThis for the same reason).
const CONNECTIONS = Symbol.for('review-cms.sqlite-connections');
type WithConnections = { [CONNECTIONS]?: SqliteConnections };
const connectionsOf = (db: object): SqliteConnections | undefined =>
  (db as WithConnections)[CONNECTIONS];

/**
 * Opens one connection with the settings every connection must have.
 * WAL lets readers proceed while a writer commits; NORMAL sync is durable across application
 * crashes in WAL mode; busy_timeout makes another process's writer wait instead of failing.
 */
function openConnection(filePath: string, readOnly: boolean): SqliteDrizzle {
  const sqlite = new Database(filePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A stray write outside a transaction fails loudly instead of racing the write connection.
  if (readOnly) sqlite.pragma('query_only = ON');
  return drizzle({ client: sqlite, schema });
}

/**
 * Opens a SQLite database as the engine-neutral `Db` (docs/architecture.md, Transactions).
 *
 * better-sqlite3 is synchronous and Drizzle cannot run an async callback in one of its
 * transactions, yet PostgreSQL transactions are async. So every transaction body is async
 * and written once; on SQLite, `db.transaction` runs it on a dedicated write connection,
 * one at a time in this process (a promise queue), between BEGIN IMMEDIATE and COMMIT.
 * Plain queries outside a transaction use a second, read-only connection, which in WAL mode
 * sees the last committed state and never waits for the writer.
 */
export function openSqliteDatabase(filePath: string): Db {
  if (filePath !== ':memory:') fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const writer = openConnection(filePath, false);
  // Two connections to ':memory:' would be two databases: in memory, one connection does both.
  const reader = filePath === ':memory:' ? writer : openConnection(filePath, true);
  const connections: SqliteConnections = {
    reader,
    writer,
    queue: writeQueueOf(filePath),
    inside: new AsyncLocalStorage(),
    open: 0,
    counter: 0,
  };
  const transaction = <T>(body: (tx: Db) => Promise<T>): Promise<T> =>
    connections.open !== 0 && connections.inside.getStore() === connections.open
      ? runSavepoint(connections, body)
      : exclusive(connections, () => runTransaction(connections, body));
  // The same drizzle objects, with the async transaction in place of better-sqlite3's sync one.
  for (const instance of new Set([reader, writer])) {
    Object.defineProperty(instance, 'transaction', {
      value: transaction,
      writable: true,
      configurable: true,
    });
    Object.defineProperty(instance, CONNECTIONS, { value: connections });
  }
  return reader as unknown as Db;
}

/** Runs `work` when every write transaction queued before it has finished. */
function exclusive<T>(connections: SqliteConnections, work: () => Promise<T>): Promise<T> {
  const { queue } = connections;
  queue.pending++;
  const run = queue.tail.then(work, work).finally(() => queue.pending--);
  queue.tail = run.catch(() => undefined);
  return run;
}

async function runTransaction<T>(
  connections: SqliteConnections,
  body: (tx: Db) => Promise<T>,
): Promise<T> {
  const client = connections.writer.$client;
  client.exec('BEGIN IMMEDIATE');
  const number = ++connections.counter;
  connections.open = number;
  try {
    const result = await connections.inside.run(number, () =>
      body(connections.writer as unknown as Db),
    );
    client.exec('COMMIT');
    return result;
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw error;
  } finally {
    connections.open = 0;
  }
}

/** A transaction opened inside another: a savepoint, rolled back alone if its body throws. */
async function runSavepoint<T>(
  connections: SqliteConnections,
  body: (tx: Db) => Promise<T>,
): Promise<T> {
  const client = connections.writer.$client;
  const name = `sp${++connections.counter}`;
  client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await body(connections.writer as unknown as Db);
    client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    client.exec(`ROLLBACK TO ${name}`);
    client.exec(`RELEASE ${name}`);
    throw error;
  }
}

/**
 * The better-sqlite3 connections behind `db` for SQLite-only work: pragmas, and bulk loading
 * with the writer inside a `db.transaction` body.
 */
export function sqliteClientsOf(db: Db): { reader: Database.Database; writer: Database.Database } {
  const connections = connectionsOf(db);
  if (!connections) throw new Error('Not a SQLite database.');
  return { reader: connections.reader.$client, writer: connections.writer.$client };
}

/**
 * Runs synchronous SQLite-only `work` on the write connection, queued behind any write
 * transaction (migrations, bulk loading).
 */
export function withSqliteWriter<T>(
  db: Db,
  work: (writer: SqliteDrizzle) => T | Promise<T>,
): Promise<T> {
  const connections = connectionsOf(db);
  if (!connections) throw new Error('Not a SQLite database.');
  return exclusive(connections, async () => work(connections.writer));
}

/** Closes both connections: at once when no write is queued, else when the queue is done. */
export async function closeSqliteDatabase(db: Db): Promise<void> {
  const connections = connectionsOf(db);
  if (!connections) return;
  if (connections.queue.pending > 0) await connections.queue.tail;
  for (const connection of new Set([connections.writer, connections.reader])) {
    if (connection.$client.open) connection.$client.close();
  }
}
