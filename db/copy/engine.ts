import type { Endpoint } from './endpoints';
import type { TablePlan } from './table-order';

// One side of a copy, whatever its engine. Rows are Drizzle rows of that engine's schema
// (db/schema.ts or db/schema-postgres.ts): the same JS keys and value types on both, so a row
// read from one engine inserts into the other as it is (timestamps as Date, booleans, JSON
// columns parsed); each driver converts to and from its own storage.

export type Row = Record<string, unknown>;

export interface CopyEngine {
  readonly endpoint: Endpoint;
  count(plan: TablePlan): Promise<number>;
  /** At most `limit` rows in primary-key order, after the key `after` (null: from the start). */
  readBatch(plan: TablePlan, after: unknown[] | null, limit: number): Promise<Row[]>;
  insert(plan: TablePlan, rows: Row[]): Promise<void>;
  /** Sets the deferred columns of existing rows (each row: its key and those columns). */
  patch(plan: TablePlan, rows: Row[]): Promise<void>;
  /** The largest id the table's counter has handed out (not only the largest id present). */
  highWater(plan: TablePlan): Promise<number>;
  /** Moves the table's counter so the next id is above `value`. */
  setHighWater(plan: TablePlan, value: number): Promise<void>;
  /** Rebuilds the reader search index from the copied published projection; returns its rows. */
  rebuildSearch(log: (line: string) => void): Promise<number>;
  /**
   * Ends the copy: on success the destination becomes visible (SQLite: the new file replaces
   * the old); on failure it is discarded where the engine can. Always closes connections.
   */
  finish(ok: boolean): Promise<void>;
}
