import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rawRows, rawRun } from '../../db/engine/dialect';

/**
 * Raw SQL for tests that set up or inspect state below the data layer, on either engine: `?`
 * marks a parameter, as in better-sqlite3 (the text must hold no other question mark).
 */
function statement(text: string, params: unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length - 1 !== params.length) {
    throw new Error(`${parts.length - 1} placeholders, ${params.length} parameters: ${text}`);
  }
  let query = sql.raw(parts[0]!);
  params.forEach((param, i) => {
    query = sql`${query}${param}${sql.raw(parts[i + 1]!)}`;
  });
  return query;
}

/** The rows of a raw query. */
export function query<T = Record<string, unknown>>(
  db: Db,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  return rawRows<T>(db, statement(text, params));
}

/** The first column of every row (better-sqlite3's `.pluck().all()`). */
export async function queryColumn<T = unknown>(
  db: Db,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  const rows = await query<Record<string, unknown>>(db, text, ...params);
  return rows.map((row) => Object.values(row)[0] as T);
}

/** The first column of the first row, or undefined (better-sqlite3's `.pluck().get()`). */
export async function queryValue<T = unknown>(
  db: Db,
  text: string,
  ...params: unknown[]
): Promise<T | undefined> {
  return (await queryColumn<T>(db, text, ...params))[0];
}

/**
 * Runs a raw statement that returns no rows. On SQLite, a write must run inside a transaction
 * (`db.transaction((tx) => execute(tx, …))`): outside one, `db` is the read-only connection.
 */
export async function execute(db: Db, text: string, ...params: unknown[]): Promise<void> {
  await rawRun(db, statement(text, params));
}

/**
 * The database's own message when `work` fails: Drizzle's node-postgres session wraps the
 * server's error in a DrizzleQueryError whose message is the query (the server's is its
 * cause), while better-sqlite3's error arrives as it is. Throws if `work` succeeds.
 */
export async function databaseRefusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    let inner: unknown = error;
    while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
    return inner instanceof Error ? inner.message : String(inner);
  }
  throw new Error('Expected the database to refuse, but the statement succeeded.');
}
