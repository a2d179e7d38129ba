import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../schema-postgres';
import type { Db } from './types';

type PostgresDrizzle = NodePgDatabase<typeof schema> & { $client: pg.Pool };

// count(*) and other bigint results arrive as strings by default; every count this app reads
// is far below 2^53, so they are numbers here, as they are from SQLite. Set per pool, not on
// pg's global parsers, so other pools in the process (db:copy) are left alone.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens a pool of at most `poolMax` connections to a PostgreSQL database as the engine-neutral
 * `Db` (docs/architecture.md, Transactions). Drizzle's node-postgres transactions are already
 * async: each runs on one connection of the pool, and the data layer locks the rows it changes
 * (db/engine/locking.ts), so no in-process queue is needed.
 */
export function openPostgresDatabase(url: string, poolMax: number): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, types });
  // An idle connection dropped by the server (a restart, a failover) must not crash the process:
  // the pool replaces it, and the next query that cannot connect fails with its own error.
  pool.on('error', (error) => {
    console.error(`PostgreSQL connection lost: ${error.message}`);
  });
  return drizzle({ client: pool, schema }) as unknown as Db;
}

export function postgresPoolOf(db: Db): pg.Pool {
  return (db as unknown as PostgresDrizzle).$client;
}

export async function closePostgresDatabase(db: Db): Promise<void> {
  await postgresPoolOf(db).end();
}
