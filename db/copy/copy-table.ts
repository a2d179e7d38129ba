import type { CopyEngine, Row } from './engine';
import type { TablePlan } from './table-order';

// Copies one table a batch at a time: read in key order from the source, insert into the
// destination. Each batch is its own transaction (SQLite: one transaction; PostgreSQL: one
// multi-row INSERT, atomic by itself): the destination was checked empty (or reset) first and,
// for SQLite, is a private file until the end, so a table-long transaction would buy no safety,
// while batch-sized ones keep memory, locks and the WAL bounded on a large site.

export type Progress = (line: string) => void;

const REPORT_EVERY = 5_000;

export async function copyTable(
  source: CopyEngine,
  destination: CopyEngine,
  plan: TablePlan,
  { batchSize, log }: { batchSize: number; log: Progress },
): Promise<{ rows: number; patches: Row[] }> {
  const total = await source.count(plan);
  const patches: Row[] = [];
  let copied = 0;
  let reported = 0;
  let last: unknown[] | null = null;
  for (;;) {
    const rows = await source.readBatch(plan, last, batchSize);
    if (rows.length === 0) break;
    await destination.insert(
      plan,
      plan.deferred.length ? rows.map(deferColumns(plan, patches)) : rows,
    );
    copied += rows.length;
    last = plan.keys.map((key) => rows.at(-1)![key]);
    if (copied - reported >= REPORT_EVERY) {
      reported = copied;
      log(`  ${plan.name}: ${copied.toLocaleString('en')} / ${total.toLocaleString('en')} rows`);
    }
  }
  log(`  ${plan.name}: ${copied.toLocaleString('en')} rows copied`);
  return { rows: copied, patches };
}

/** Inserts deferred columns as null, remembering the rows that had a value to patch later. */
function deferColumns(plan: TablePlan, patches: Row[]) {
  return (row: Row): Row => {
    if (plan.deferred.some((key) => row[key] !== null && row[key] !== undefined)) {
      patches.push(
        Object.fromEntries([...plan.keys, ...plan.deferred].map((key) => [key, row[key]])),
      );
    }
    return { ...row, ...Object.fromEntries(plan.deferred.map((key) => [key, null])) };
  };
}

/** Writes the deferred columns once every table is in, so their targets exist. */
export async function applyPatches(
  destination: CopyEngine,
  plan: TablePlan,
  patches: Row[],
  batchSize: number,
): Promise<void> {
  if (plan.keys.length !== 1) throw new Error(`Cannot patch ${plan.name}: composite key.`);
  for (let i = 0; i < patches.length; i += batchSize) {
    await destination.patch(plan, patches.slice(i, i + batchSize));
  }
}
