import { asc, gt, sql, type Column, type SQL } from 'drizzle-orm';

// Batches are read by keyset (`where key > last key order by key limit n`), never by OFFSET:
// each batch starts from the primary key index, so reading a million-row table stays linear.
// Both engines support row values, `(a, b) > (x, y)`, for composite keys.

export function after(columns: Column[], values: unknown[] | null): SQL | undefined {
  if (!values) return undefined;
  if (columns.length === 1) return gt(columns[0]!, values[0]);
  return sql`(${sql.join(columns, sql`, `)}) > (${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

export function keyOrder(columns: Column[]): SQL[] {
  return columns.map((column) => asc(column));
}

/** At most this many rows per INSERT: both engines cap the bound parameters of a statement. */
export function rowsPerInsert(columnCount: number): number {
  return Math.max(1, Math.floor(30_000 / columnCount));
}
