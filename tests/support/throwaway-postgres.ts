import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Throwaway databases on a real PostgreSQL server for the tests that need one (issue 16):
// TEST_POSTGRES_URL names the server and a user that may CREATE DATABASE. An unreachable server
// fails the suite with how to start one; it is never skipped, so a broken engine cannot hide.

export const POSTGRES_SERVER_URL =
  process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the test server. */
export function postgresDatabaseUrl(name: string): string {
  const url = new URL(POSTGRES_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh name for a test database (dropped by `dropAll`). */
export const throwawayName = (suffix = '') =>
  `cms_test_${randomBytes(5).toString('hex')}${suffix ? `_${suffix}` : ''}`;

/** Connects to the test server and creates the named databases; `dropAll` removes them. */
export async function createThrowawayDatabases(names: string[]) {
  const admin = new pg.Client({
    connectionString: POSTGRES_SERVER_URL,
    connectionTimeoutMillis: 5000,
  });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_SERVER_URL} (${(error as Error).message}). ` +
        'Start it (`sudo service postgresql start`, or `.ci/run`, which starts or installs it) ' +
        'or point TEST_POSTGRES_URL at a server where this user may CREATE DATABASE.',
    );
  }
  for (const name of names) await admin.query(`CREATE DATABASE "${name}"`);
  return {
    async dropAll() {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
