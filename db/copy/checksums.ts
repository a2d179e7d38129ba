import { createHash } from 'node:crypto';
import type { CopyEngine, Row } from './engine';
import type { TablePlan } from './table-order';

// A table's checksum: SHA-256 of every row's canonical JSON (keys sorted; Dates as ISO strings;
// booleans and numbers as JSON; JSON columns as the parsed value, with object keys sorted since
// jsonb does not keep their order), the row digests summed modulo 2^256. The sum makes the
// checksum independent of row order: PostgreSQL orders text keys (session ids, slugs, section
// UUIDs) by its collation, SQLite by bytes, and sorting in one engine's order on the other
// could not use the primary key index. Each row's digest covers its key, so a missing, extra or
// changed row changes the sum.

const MODULUS = 1n << 256n;

export type TableChecksum = { rows: number; checksum: string };

export function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([key, item]) => [key, canonical(item)]));
  }
  return value === undefined ? null : value;
}

export function rowDigest(row: Row): bigint {
  const digest = createHash('sha256')
    .update(JSON.stringify(canonical(row)))
    .digest('hex');
  return BigInt(`0x${digest}`);
}

export async function tableChecksum(
  engine: CopyEngine,
  plan: TablePlan,
  batchSize: number,
): Promise<TableChecksum> {
  let sum = 0n;
  let rows = 0;
  let last: unknown[] | null = null;
  for (;;) {
    const batch = await engine.readBatch(plan, last, batchSize);
    if (batch.length === 0) break;
    for (const row of batch) sum = (sum + rowDigest(row)) % MODULUS;
    rows += batch.length;
    last = plan.keys.map((key) => batch.at(-1)![key]);
  }
  return { rows, checksum: sum.toString(16).padStart(64, '0') };
}
