import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../schema-sqlite';

/**
 * The database as every data function sees it, on either engine (docs/architecture.md).
 *
 * Queries are written once in Drizzle's builder against the tables of db/schema and awaited;
 * transactions are async (`db.transaction(async (tx) => …)`). The type is Drizzle's async
 * SQLite database because the builder needs one dialect to type against; on PostgreSQL a
 * node-postgres Drizzle database over the matching tables of db/schema-postgres stands in
 * (tests/db/schema-parity.test.ts keeps the two schemas equal). Builder calls that exist on
 * one dialect only (`.get()`, `.all()`, `.run()`, `.values()`) are refused by lint.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** The database or an open transaction: what the building blocks in db/ take. */
export type Tx = Db;
