import { getTableColumns, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { rebuildSearchIndexPostgres, type PgDb } from '../reviews/search-index-postgres';
import * as pgSchema from '../schema-postgres';
import type { CopyEngine, Row } from './engine';
import { CopyError, type Endpoint } from './endpoints';
import { after, keyOrder, rowsPerInsert } from './keyset';
import { POSTGRES_MIGRATIONS, latestMigration, requireCurrent } from './migrations';
import type { TablePlan as Plan } from './table-order';

// The PostgreSQL side. A source connection is read-only at the server
// (default_transaction_read_only), so a copy cannot change it. A destination is checked empty,
// or with --force reset (the audit log's triggers refuse TRUNCATE and DELETE, so the schema is
// dropped and recreated instead), then migrated with drizzle/postgres before the copy.

type PgEndpoint = Endpoint & { kind: 'postgres' };

class PostgresEngine implements CopyEngine {
  constructor(
    readonly endpoint: PgEndpoint,
    private readonly db: PgDb,
    private readonly client: pg.Client,
  ) {}

  async count(plan: Plan): Promise<number> {
    return this.db.$count(plan.pg);
  }

  async readBatch(plan: Plan, afterKey: unknown[] | null, limit: number): Promise<Row[]> {
    const keys = plan.keys.map((key) => getTableColumns(plan.pg)[key]!);
    return this.db
      .select()
      .from(plan.pg)
      .where(after(keys, afterKey))
      .orderBy(...keyOrder(keys))
      .limit(limit);
  }

  async insert(plan: Plan, rows: Row[]): Promise<void> {
    const size = rowsPerInsert(Object.keys(getTableColumns(plan.pg)).length);
    for (let i = 0; i < rows.length; i += size) {
      await this.db.insert(plan.pg).values(rows.slice(i, i + size) as never);
    }
  }

  async patch(plan: Plan, rows: Row[]): Promise<void> {
    // One UPDATE … FROM (VALUES …) per batch rather than a statement per row.
    const columns = getTableColumns(plan.pg);
    const names = [plan.keys[0]!, ...plan.deferred];
    const values = rows.map(
      (row) =>
        sql`(${sql.join(
          names.map((key) => sql`${row[key]}::${sql.raw(columns[key]!.getSQLType())}`),
          sql`, `,
        )})`,
    );
    const column = (key: string) => sql.identifier(columns[key]!.name);
    await this.db.execute(sql`
      update ${plan.pg} set ${sql.join(
        plan.deferred.map((key) => sql`${column(key)} = v.${column(key)}`),
        sql`, `,
      )}
      from (values ${sql.join(values, sql`, `)}) as v (${sql.join(names.map(column), sql`, `)})
      where ${plan.pg}.${column(names[0]!)} = v.${column(names[0]!)}`);
  }

  async highWater(plan: Plan): Promise<number> {
    if (!plan.identity) return 0;
    // The sequence may be past the largest id (rows deleted, inserts rolled back): keep its mark.
    const { rows } = await this.db.execute<{ max: number | null; last: string | null }>(sql`
      select (select max(${sql.identifier(plan.identity.column)}) from ${sql.identifier(plan.name)}) as max,
        pg_sequence_last_value(pg_get_serial_sequence(${plan.name}, ${plan.identity.column})::regclass) as last`);
    return Math.max(rows[0]?.max ?? 0, Number(rows[0]?.last ?? 0));
  }

  async setHighWater(plan: Plan, value: number): Promise<void> {
    if (!plan.identity) return;
    // setval(seq, n) makes the next id n + 1; an empty table starts at 1 (setval(seq, 1, false)).
    await this.db.execute(
      sql`select setval(pg_get_serial_sequence(${plan.name}, ${plan.identity.column}), ${Math.max(value, 1)}, ${value > 0})`,
    );
  }

  async rebuildSearch(log: (line: string) => void): Promise<number> {
    let reported = 0;
    return rebuildSearchIndexPostgres(this.db, {
      onProgress: (done) => {
        if (done - reported < 5_000) return;
        reported = done;
        log(`  review_search: ${done.toLocaleString('en')} reviews indexed`);
      },
    });
  }

  async finish(): Promise<void> {
    await this.client.end();
  }
}

/**
 * One connection per side: the copy is sequential, and a source read through one connection
 * can hold one snapshot (see openPostgresSource).
 */
async function connect(endpoint: PgEndpoint, readOnly: boolean) {
  const client = new pg.Client({
    connectionString: endpoint.url,
    connectionTimeoutMillis: 10_000,
    ...(readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // A dropped connection's error surfaces on the next query instead of crashing the process
  // from an unhandled 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new CopyError(connectionFailure(endpoint, error));
  }
  return { client, db: drizzle({ client, schema: pgSchema }) };
}

/** One line naming host:port and why: no stack trace for the commonest operator mistakes. */
export function connectionFailure(endpoint: PgEndpoint, error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const where = `${endpoint.host}:${endpoint.port}`;
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused (is the server running and listening there?)'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `unknown host "${endpoint.host}"`
        : code === '28P01' || code === '28000'
          ? `login refused: ${message}`
          : code === '3D000'
            ? `database "${endpoint.database}" does not exist (create it first: createdb ${endpoint.database})`
            : message || code || 'unknown error';
  return `Cannot connect to PostgreSQL at ${where}: ${reason}`;
}

async function appliedMigration(db: PgDb): Promise<number | null> {
  const { rows } = await db.execute<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!rows[0]?.present) return null;
  const latest = await db.execute<{ n: string | null }>(
    sql`select max(created_at) as n from drizzle.__drizzle_migrations`,
  );
  const n = latest.rows[0]?.n;
  return n === null || n === undefined ? null : Number(n);
}

export async function openPostgresSource(endpoint: PgEndpoint): Promise<CopyEngine> {
  const { client, db } = await connect(endpoint, true);
  try {
    requireCurrent(
      endpoint.label,
      await appliedMigration(db),
      POSTGRES_MIGRATIONS,
      'apply the migrations in drizzle/postgres to it first',
    );
    // Every read of the copy and of its verification sees one snapshot, so a site that keeps
    // running during the copy still gives a consistent copy whose checksums match.
    await client.query('begin isolation level repeatable read read only');
  } catch (error) {
    await client.end();
    throw error;
  }
  return new PostgresEngine(endpoint, db, client);
}

export async function openPostgresDestination(
  endpoint: PgEndpoint,
  force: boolean,
): Promise<CopyEngine> {
  const { client, db } = await connect(endpoint, false);
  try {
    if (force) await resetSchemas(db);
    else await refuseUnlessEmpty(db, endpoint);
    await migrate(db, { migrationsFolder: POSTGRES_MIGRATIONS });
    if ((await appliedMigration(db)) !== latestMigration(POSTGRES_MIGRATIONS)) {
      throw new CopyError(
        `The destination ${endpoint.label} has migrations newer than this checkout: update the code first.`,
      );
    }
  } catch (error) {
    await client.end();
    throw error;
  }
  return new PostgresEngine(endpoint, db, client);
}

async function publicTables(db: PgDb): Promise<string[]> {
  const { rows } = await db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((row) => row.name);
}

/** Any row in any table makes a destination non-empty; so do tables without our migrations. */
async function refuseUnlessEmpty(db: PgDb, endpoint: PgEndpoint): Promise<void> {
  const tables = await publicTables(db);
  if (tables.length === 0) return;
  if ((await appliedMigration(db)) === null) {
    throw new CopyError(
      `The destination ${endpoint.label} holds tables that are not a CMS database's; use --force to replace them.`,
    );
  }
  for (const name of tables) {
    const { rows } = await db.execute<{ any: boolean }>(
      sql`select exists (select 1 from ${sql.identifier(name)}) as any`,
    );
    if (rows[0]?.any) {
      throw new CopyError(
        `The destination ${endpoint.label} is not empty (table ${name} has rows); use --force to replace it.`,
      );
    }
  }
}

/** --force: everything in `public` and the migration records go, in one transaction. */
async function resetSchemas(db: PgDb): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`drop schema if exists drizzle cascade`);
    await tx.execute(sql`drop schema if exists public cascade`);
    await tx.execute(sql`create schema public`);
    // What PostgreSQL 15 grants on the public schema of a new database.
    await tx.execute(sql`grant usage on schema public to public`);
  });
}
