import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import type { DatabaseEngine } from '../../lib/database-path';
import { getDb, type Db } from '../client';
import { engineOf, rawRows } from '../engine/dialect';
import { sqliteClientsOf } from '../engine/sqlite';
import { MIGRATION_FOLDERS } from '../migrate';
import { publishedReviews } from '../schema';

export type DatabaseHealth = {
  status: 'ok' | 'migrations_pending';
  engine: DatabaseEngine;
  /** SQLite: the journal mode (wal). PostgreSQL: the server's version, such as "15.10". */
  journalMode?: string;
  serverVersion?: string;
  migrations: { applied: number; available: number };
  /** Only the published count: the number of drafts is nobody's business but the staff's. */
  reviews: { published: number };
};

/** Migrations that ship with this build, from drizzle-kit's journal. */
function availableMigrations(engine: DatabaseEngine): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATION_FOLDERS[engine], 'meta', '_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

/** How many migrations the database records as applied (drizzle's own bookkeeping table). */
async function appliedMigrations(db: Db): Promise<number> {
  // The SQLite migrator keeps its table beside the app's; the PostgreSQL one in schema "drizzle".
  const table =
    engineOf(db) === 'postgres' ? 'drizzle.__drizzle_migrations' : '__drizzle_migrations';
  const exists =
    engineOf(db) === 'postgres'
      ? sql`select to_regclass(${table}) is not null as n`
      : sql`select count(*) as n from sqlite_master where type = 'table' and name = ${table}`;
  const [found] = await rawRows<{ n: number | boolean }>(db, exists);
  if (!found?.n) return 0;
  const [applied] = await rawRows<{ n: number }>(
    db,
    sql`select count(*) as n from ${sql.raw(table)}`,
  );
  return Number(applied?.n ?? 0);
}

/** The database's state for /api/health. Throws when the database cannot be read. */
export async function getDatabaseHealth(): Promise<DatabaseHealth> {
  const db = getDb();
  const engine = engineOf(db);
  const applied = await appliedMigrations(db);
  const available = availableMigrations(engine);
  const [published] = await db.select({ n: count() }).from(publishedReviews);
  const facts =
    engine === 'postgres'
      ? {
          serverVersion: String(
            (
              await rawRows<{ v: string }>(db, sql`select current_setting('server_version') as v`)
            )[0]?.v,
          ),
        }
      : {
          journalMode: String(sqliteClientsOf(db).reader.pragma('journal_mode', { simple: true })),
        };
  return {
    status: applied >= available ? 'ok' : 'migrations_pending',
    engine,
    ...facts,
    migrations: { applied, available },
    reviews: { published: published?.n ?? 0 },
  };
}
