import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../schema-postgres';
import type { Db } from './types';

type PostgresDrizzle = NodePgDatabase<typeof schema> & { $client: pg.Pool };

// count(*) and other bigint results arrive as strings by default; every bigint this app reads
// is a count far below 2^53, so they are numbers, as they are from SQLite. Set on pg's global
// parsers because Drizzle passes its own per-query parsers that fall back to the global ones
// (a pool's own `types` would be ignored); no column of either schema is a bigint.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));

/**
 * Opens a pool of at most `poolMax` connections to a PostgreSQL database as the engine-neutral
 * `Db` (docs/architecture.md, Transactions). Drizzle's node-postgres transactions are already
 * async: each runs on one connection of the pool, and the data layer locks the rows it changes
 * (db/engine/locking.ts), so no in-process queue is needed.
 */
export function openPostgresDatabase(url: string, poolMax: number): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  // An idle connection dropped by the server (a restart, a failover) must not crash the process:
  // the pool replaces it, and the next query that cannot connect fails with its own error.
  pool.on('error', (error) => {
    console.error(`PostgreSQL connection lost: ${error.message}`);
  });
  return drizzle({ client: pool, schema }) as unknown as Db;
}

/** How long a start waits for the server before saying it cannot reach it. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Why the server cannot be used, in one line (null when a query answers): unreachable, a
 * refused login, a missing database. Asked once at start, so that a wrong DATABASE_URL stops
 * the app with this line instead of a stack trace on the first request.
 */
export async function postgresProblem(db: Db): Promise<string | null> {
  const pool = postgresPoolOf(db);
  try {
    const client = await Promise.race([
      pool.connect(),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)),
          CONNECT_TIMEOUT_MS,
        ).unref(),
      ),
    ]);
    try {
      await client.query('select 1');
    } finally {
      client.release();
    }
    return null;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const reasons: Record<string, string> = {
      ECONNREFUSED: 'nothing listens there (is the server running?)',
      ENOTFOUND: 'the host name does not resolve',
      EAI_AGAIN: 'the host name does not resolve',
      '28P01': 'the password was refused',
      '28000': 'the login was refused',
      '3D000': 'the database does not exist (create it first)',
    };
    return (code && reasons[code]) || message || String(error);
  }
}

export function postgresPoolOf(db: Db): pg.Pool {
  return (db as unknown as PostgresDrizzle).$client;
}

export async function closePostgresDatabase(db: Db): Promise<void> {
  await postgresPoolOf(db).end();
}
