import fs from 'node:fs';
import Database from 'better-sqlite3';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { openDatabase, type Db } from '../client';
import { closeSqliteDatabase, sqliteClientsOf } from '../engine/sqlite';
import { migrateDatabase } from '../migrate';
import { indexMissingReviews } from '../reviews/search-index';
import * as schema from '../schema-sqlite';
import type { CopyEngine, Row } from './engine';
import { CopyError, type Endpoint } from './endpoints';
import { after, keyOrder, rowsPerInsert } from './keyset';
import { SQLITE_MIGRATIONS, requireCurrent } from './migrations';
import { copyPlan, type TablePlan } from './table-order';

// The SQLite side. A source is opened read-only, so a copy cannot change it. A destination is
// never written in place: the copy goes to a new file beside it, which replaces the destination
// only once everything is copied and verified (finish(true)), so a failed or interrupted copy
// leaves the old destination (or none) exactly as it was.

// Copying is bulk work on one private connection, so it uses better-sqlite3 synchronously;
// the app's async `Db` (destination only) rebuilds the search index with the app's own code.
type SyncDb = BetterSQLite3Database<typeof schema>;

class SqliteEngine implements CopyEngine {
  constructor(
    readonly endpoint: Endpoint,
    private readonly db: SyncDb,
    private readonly onFinish: (ok: boolean) => Promise<void> | void,
    private readonly app: Db | null = null,
  ) {}

  async count(plan: TablePlan): Promise<number> {
    return this.db.$count(plan.sqlite);
  }

  async readBatch(plan: TablePlan, afterKey: unknown[] | null, limit: number): Promise<Row[]> {
    const keys = plan.keys.map((key) => getTableColumns(plan.sqlite)[key]!);
    return this.db
      .select()
      .from(plan.sqlite)
      .where(after(keys, afterKey))
      .orderBy(...keyOrder(keys))
      .limit(limit)
      .all() as Row[];
  }

  async insert(plan: TablePlan, rows: Row[]): Promise<void> {
    const size = rowsPerInsert(Object.keys(getTableColumns(plan.sqlite)).length);
    this.db.transaction((tx) => {
      for (let i = 0; i < rows.length; i += size) {
        tx.insert(plan.sqlite)
          .values(rows.slice(i, i + size) as never)
          .run();
      }
    });
  }

  async patch(plan: TablePlan, rows: Row[]): Promise<void> {
    const [key] = plan.keys.map((k) => getTableColumns(plan.sqlite)[k]!);
    this.db.transaction((tx) => {
      for (const row of rows) {
        const values = Object.fromEntries(plan.deferred.map((column) => [column, row[column]]));
        tx.update(plan.sqlite).set(values).where(eq(key!, row[plan.keys[0]!])).run();
      }
    });
  }

  async highWater(plan: TablePlan): Promise<number> {
    if (!plan.identity) return 0;
    // AUTOINCREMENT never reuses an id, even of a deleted row: sqlite_sequence remembers the
    // largest ever handed out, which may be above the largest still present.
    const column = sql.identifier(plan.identity.column);
    const max = this.db.get<{ n: number | null }>(
      sql`select max(${column}) as n from ${sql.identifier(plan.name)}`,
    );
    const seq = this.db.get<{ n: number | null } | undefined>(
      sql`select seq as n from sqlite_sequence where name = ${plan.name}`,
    );
    return Math.max(max.n ?? 0, seq?.n ?? 0);
  }

  async setHighWater(plan: TablePlan, value: number): Promise<void> {
    if (!plan.identity) return;
    // Inserting explicit ids already moved sqlite_sequence to the largest; this keeps a higher
    // mark from the source (ids of deleted rows stay unused) and creates the row for a table
    // that received none.
    // better-sqlite3 binds a JS number as a REAL: cast, so the counter stays an integer.
    const mark = sql`cast(${value} as integer)`;
    this.db.transaction((tx) => {
      tx.run(sql`update sqlite_sequence set seq = max(seq, ${mark}) where name = ${plan.name}`);
      tx.run(
        sql`insert into sqlite_sequence (name, seq) select ${plan.name}, ${mark}
            where not exists (select 1 from sqlite_sequence where name = ${plan.name})`,
      );
    });
  }

  async rebuildSearch(): Promise<number> {
    if (!this.app) throw new Error('A copy source is never written to.');
    return indexMissingReviews(this.app);
  }

  async finish(ok: boolean): Promise<void> {
    await this.onFinish(ok);
  }
}

export async function openSqliteSource(endpoint: Endpoint & { kind: 'sqlite' }) {
  if (!fs.existsSync(endpoint.path)) {
    throw new CopyError(`No SQLite database at ${endpoint.path}.`);
  }
  const client = openReadOnly(endpoint.path);
  requireCurrent(
    endpoint.label,
    appliedMigration(client),
    SQLITE_MIGRATIONS,
    `run \`DATABASE_URL=${endpoint.path} npm run db:migrate\``,
  );
  // One read transaction for the whole copy and its verification: a site that keeps running
  // during the copy still gives a consistent snapshot (WAL readers do not block its writes).
  client.exec('begin');
  return new SqliteEngine(endpoint, drizzle({ client, schema }), () => void client.close());
}

export async function openSqliteDestination(
  endpoint: Endpoint & { kind: 'sqlite' },
  force: boolean,
): Promise<CopyEngine> {
  if (fs.existsSync(endpoint.path) && !force) refuseUnlessEmpty(endpoint);
  const temp = `${endpoint.path}.copy-${process.pid}-${Date.now()}.tmp`;
  const db = openDatabase(temp);
  const writer = sqliteClientsOf(db).writer;
  // The new file is private until it is renamed, and fsynced once before that: no need to
  // wait for the disk on every batch.
  writer.pragma('synchronous = OFF');
  try {
    await migrateDatabase(db);
  } catch (error) {
    await discard(db, temp);
    throw error;
  }
  const sync = drizzle({ client: writer, schema });
  const finish = async (ok: boolean) => {
    if (!ok) return discard(db, temp);
    writer.pragma('wal_checkpoint(TRUNCATE)');
    await closeSqliteDatabase(db);
    fsyncFile(temp);
    // The old file's WAL and shared-memory index must not be applied to the new file.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(endpoint.path + suffix, { force: true });
    fs.renameSync(temp, endpoint.path);
  };
  return new SqliteEngine(endpoint, sync, finish, db);
}

function openReadOnly(file: string): Database.Database {
  try {
    const client = new Database(file, { readonly: true, fileMustExist: true });
    client.pragma('schema_version');
    return client;
  } catch (error) {
    throw new CopyError(`Cannot read ${file} as a SQLite database: ${(error as Error).message}`);
  }
}

function appliedMigration(client: Database.Database): number | null {
  const table = client
    .prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`)
    .get();
  if (!table) return null;
  const row = client
    .prepare('select max(created_at) as latest from __drizzle_migrations')
    .get() as {
    latest: number | null;
  };
  return row.latest === null ? null : Number(row.latest);
}

/** Any row in any table makes a destination non-empty; so do tables that are not the CMS's. */
function refuseUnlessEmpty(endpoint: Endpoint & { kind: 'sqlite' }): void {
  const client = openReadOnly(endpoint.path);
  try {
    const tables = client
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      .pluck()
      .all() as string[];
    if (tables.length === 0) return;
    if (appliedMigration(client) === null) {
      throw new CopyError(
        `The destination ${endpoint.label} holds tables that are not a CMS database's; use --force to replace it.`,
      );
    }
    for (const { name } of copyPlan()) {
      if (!tables.includes(name)) continue;
      if (client.prepare(`select 1 from "${name}" limit 1`).get()) {
        throw new CopyError(
          `The destination ${endpoint.label} is not empty (table ${name} has rows); use --force to replace it.`,
        );
      }
    }
  } finally {
    client.close();
  }
}

async function discard(db: Db, temp: string): Promise<void> {
  await closeSqliteDatabase(db);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(temp + suffix, { force: true });
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
