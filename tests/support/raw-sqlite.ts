import type Database from 'better-sqlite3';
import type { Db } from '../../db/client';
import { sqliteClientsOf } from '../../db/engine/sqlite';

/**
 * The better-sqlite3 write connection of a SQLite test database, for tests that set up or
 * inspect state with raw SQL (constraints, triggers, migrations). Outside a transaction its
 * statements commit at once.
 */
export function rawSqlite(db: Db): Database.Database {
  return sqliteClientsOf(db).writer;
}
