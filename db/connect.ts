import { databaseLabel, resolveDatabaseTarget } from '../lib/database-path';
import type { Db } from './client';
import { engineOf } from './engine/dialect';
import { postgresProblem } from './engine/postgres';

/**
 * Stops the process with one line when the database cannot be used (a wrong PostgreSQL URL, an
 * unreachable server, a refused login), instead of failing on the first request. SQLite opens
 * its file when the connection is made, so it fails (or not) before this is asked.
 */
export async function connectOrExit(db: Db): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  const problem = await postgresProblem(db);
  if (problem === null) return;
  console.error(
    `Cannot start: cannot use the PostgreSQL database ${databaseLabel(resolveDatabaseTarget())}: ${problem}.`,
  );
  process.exit(1);
}
