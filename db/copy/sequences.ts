import type { CopyEngine } from './engine';
import type { TablePlan } from './table-order';

// After the copy, each id counter (SQLite's sqlite_sequence for AUTOINCREMENT, PostgreSQL's
// identity sequence) must be past every id the source ever handed out: explicit ids do not
// advance a PostgreSQL sequence, and the next insert would collide with a copied row. The mark
// is the larger of the source's counter and its largest id, so ids of rows deleted before the
// copy are not reused either, as AUTOINCREMENT promises.

export async function carrySequences(
  source: CopyEngine,
  destination: CopyEngine,
  plans: TablePlan[],
): Promise<Map<string, number>> {
  const marks = new Map<string, number>();
  for (const plan of plans) {
    if (!plan.identity) continue;
    const mark = Math.max(await source.highWater(plan), await destination.highWater(plan));
    await destination.setHighWater(plan, mark);
    marks.set(plan.name, mark);
  }
  return marks;
}
