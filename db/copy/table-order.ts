import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core';
import * as pgSchema from '../schema-postgres';
import * as sqliteSchema from '../schema-sqlite';

// The order the tables are copied in: every table after the tables its foreign keys point to,
// so each insert finds its parents (neither engine lets us switch foreign keys off portably:
// PostgreSQL would need superuser for session_replication_role). A cycle (reviews ⇄
// review_revisions: a review names its published revision, a revision its review) is broken on
// a nullable key: that column is inserted as null and patched once every table is in
// (copy-table.ts). The graph is read from db/schema.ts, which the parity test keeps equal to
// db/schema-postgres.ts, so a new table or key needs no change here.

export type TablePlan = {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
  /** JS keys of the primary key columns, in key order. */
  keys: string[];
  /** JS keys of nullable foreign-key columns inserted as null and patched afterwards. */
  deferred: string[];
  /**
   * The AUTOINCREMENT id (an identity column on PostgreSQL) whose counter must end up past the
   * largest id copied, so the next insert cannot reuse one; null for tables with natural keys.
   */
  identity: { key: string; column: string } | null;
};

type Edge = { from: string; to: string; columns: string[]; nullable: boolean };

export function copyPlan(): TablePlan[] {
  const sqliteTables = Object.values(sqliteSchema as Record<string, unknown>).filter(
    (v): v is SQLiteTable => is(v, SQLiteTable),
  );
  const pgTables = new Map(
    Object.values(pgSchema as Record<string, unknown>)
      .filter((v): v is PgTable => is(v, PgTable))
      .map((table) => [getTableName(table), table]),
  );
  const edges: Edge[] = [];
  for (const table of sqliteTables) {
    for (const fk of getTableConfig(table).foreignKeys) {
      const ref = fk.reference();
      edges.push({
        from: getTableName(table),
        to: getTableName(ref.foreignTable),
        columns: ref.columns.map((column) => jsKey(table, column.name)),
        nullable: ref.columns.every((column) => !column.notNull),
      });
    }
  }
  const { order, deferred } = sortTables(
    sqliteTables.map((table) => getTableName(table)),
    edges,
  );
  const byName = new Map(sqliteTables.map((table) => [getTableName(table), table]));
  return order.map((name) => {
    const sqlite = byName.get(name)!;
    const pg = pgTables.get(name);
    if (!pg) throw new Error(`Table ${name} is missing from db/schema-postgres.ts.`);
    return {
      name,
      sqlite,
      pg,
      keys: primaryKey(sqlite),
      deferred: deferred.get(name) ?? [],
      identity: identityColumn(sqlite),
    };
  });
}

/**
 * Kahn's algorithm over the tables in schema order (so the order is stable). When only cycles
 * are left, the first remaining nullable edge is deferred and the sort goes on.
 */
export function sortTables(
  names: string[],
  edges: Edge[],
): { order: string[]; deferred: Map<string, string[]> } {
  let live = edges.filter((edge) => names.includes(edge.to));
  const deferred = new Map<string, string[]>();
  const order: string[] = [];
  const left = [...names];
  while (left.length > 0) {
    const ready = left.find((name) =>
      live.every((edge) => edge.from !== name || !left.includes(edge.to)),
    );
    if (ready) {
      order.push(ready);
      left.splice(left.indexOf(ready), 1);
      continue;
    }
    const breakable = live.find(
      (edge) => left.includes(edge.from) && left.includes(edge.to) && edge.nullable,
    );
    if (!breakable)
      throw new Error(`Foreign keys form a cycle with no nullable column: ${left.join(', ')}`);
    deferred.set(breakable.from, [...(deferred.get(breakable.from) ?? []), ...breakable.columns]);
    live = live.filter((edge) => edge !== breakable);
  }
  return { order, deferred };
}

function jsKey(table: SQLiteTable, columnName: string): string {
  const entry = Object.entries(getTableColumns(table)).find(([, c]) => c.name === columnName);
  if (!entry) throw new Error(`No column ${columnName} in ${getTableName(table)}`);
  return entry[0];
}

function primaryKey(table: SQLiteTable): string[] {
  const config = getTableConfig(table);
  const composite = config.primaryKeys[0];
  if (composite) return composite.columns.map((column) => jsKey(table, column.name));
  return Object.entries(getTableColumns(table))
    .filter(([, column]) => column.primary)
    .map(([key]) => key);
}

function identityColumn(table: SQLiteTable): TablePlan['identity'] {
  const entry = Object.entries(getTableColumns(table)).find(
    ([, column]) => column.primary && (column as { autoIncrement?: boolean }).autoIncrement,
  );
  return entry ? { key: entry[0], column: entry[1].name } : null;
}
