import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { sqliteClientsOf } from '../engine/sqlite';
import { MIGRATIONS_FOLDER } from '../migrate';
import { publishedReviews } from '../schema';

export type DatabaseHealth = {
  status: 'ok' | 'migrations_pending';
  journalMode: string;
  migrations: { applied: number; available: number };
  /** Only the published count: the number of drafts is nobody's business but the staff's. */
  reviews: { published: number };
};

/** Migrations that ship with this build, from drizzle-kit's journal. */
function availableMigrations(): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** The database's state for /api/health. Throws when the database cannot be read. */
export async function getDatabaseHealth(): Promise<DatabaseHealth> {
  const db = getDb();
  const journalMode = String(sqliteClientsOf(db).reader.pragma('journal_mode', { simple: true }));
  const [applied] = await db.all<{ n: number }>(
    sql`select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'`,
  );
  const appliedCount = applied?.n
    ? ((await db.all<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`))[0]?.n ??
      0)
    : 0;
  const available = availableMigrations();
  const [published] = await db.select({ n: count() }).from(publishedReviews);
  return {
    status: appliedCount >= available ? 'ok' : 'migrations_pending',
    journalMode,
    migrations: { applied: appliedCount, available },
    reviews: { published: published?.n ?? 0 },
  };
}
