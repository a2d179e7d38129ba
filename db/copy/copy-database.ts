import { applyPatches, copyTable, type Progress } from './copy-table';
import { tableChecksum } from './checksums';
import type { CopyEngine, Row } from './engine';
import { CopyError, sameEndpoint, type Endpoint } from './endpoints';
import { openDestination, openSource } from './open-engines';
import { carrySequences } from './sequences';
import { copyPlan, type TablePlan } from './table-order';

// npm run db:copy (scripts/db-copy.ts): every table of the schema from one engine to the other,
// in foreign-key order with ids as they are; then the deferred keys, the id counters and the
// search index (rebuilt from the copied projection, never copied: each engine has its own);
// then both sides are read back and compared table by table.

export type CopyOptions = {
  from: Endpoint;
  to: Endpoint;
  force: boolean;
  batchSize?: number;
  log: Progress;
};

export type TableResult = {
  table: string;
  sourceRows: number;
  destinationRows: number;
  sourceChecksum: string;
  destinationChecksum: string;
  match: boolean;
};

export type CopyReport = {
  tables: TableResult[];
  rows: number;
  searchRows: number;
  seconds: number;
  ok: boolean;
};

export async function copyDatabase(options: CopyOptions): Promise<CopyReport> {
  const { from, to, force, log } = options;
  const batchSize = options.batchSize ?? 1_000;
  if (sameEndpoint(from, to)) {
    throw new CopyError(`--from and --to name the same database (${to.label}).`);
  }
  const started = performance.now();
  const source = await openSource(from);
  let destination: CopyEngine | undefined;
  let ok = false;
  try {
    destination = await openDestination(to, force);
    const plans = copyPlan();
    log(`Copying ${from.label} → ${to.label}`);
    let rows = 0;
    const patches: Array<[TablePlan, Row[]]> = [];
    for (const plan of plans) {
      const copied = await copyTable(source, destination, plan, { batchSize, log });
      rows += copied.rows;
      if (copied.patches.length) patches.push([plan, copied.patches]);
    }
    for (const [plan, rowsToPatch] of patches) {
      await applyPatches(destination, plan, rowsToPatch, batchSize);
      log(`  ${plan.name}: ${rowsToPatch.length.toLocaleString('en')} deferred keys set`);
    }
    await carrySequences(source, destination, plans);
    log('Rebuilding the search index…');
    const searchRows = await destination.rebuildSearch(log);
    log('Verifying: reading both sides back…');
    const tables: TableResult[] = [];
    for (const plan of plans) {
      const [a, b] = [
        await tableChecksum(source, plan, batchSize),
        await tableChecksum(destination, plan, batchSize),
      ];
      tables.push({
        table: plan.name,
        sourceRows: a.rows,
        destinationRows: b.rows,
        sourceChecksum: a.checksum,
        destinationChecksum: b.checksum,
        match: a.rows === b.rows && a.checksum === b.checksum,
      });
    }
    ok = tables.every((table) => table.match);
    return {
      tables,
      rows,
      searchRows,
      seconds: (performance.now() - started) / 1000,
      ok,
    };
  } finally {
    await source.finish(true);
    // A SQLite destination replaces the old file only when every table matched.
    await destination?.finish(ok);
  }
}
