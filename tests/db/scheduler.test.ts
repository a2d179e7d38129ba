import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDb, openTarget, type Db } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { createReview } from '../../db/reviews/editing';
import { publishDueReviews } from '../../db/reviews/scheduler';
import { schedulePublication } from '../../db/reviews/workflow';
import { auditLog, publishedReviews, reviews } from '../../db/schema';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { resolveDatabaseTarget } from '../../lib/database-path';
import { addSignedInUser } from '../support/staff';

// The scheduler publishes a due review once, whoever runs it: every app instance starts one
// (instrumentation.ts), so several may look at the same due review at the same moment. On
// PostgreSQL they claim due reviews FOR UPDATE SKIP LOCKED; on SQLite their transactions run one
// at a time. Three "instances" here are three connections (pools) of their own.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));

const sample = buildSampleReview(readSampleArticle());
let counter = 0;
const instances: Db[] = [];

beforeAll(async () => {
  await migrateDatabase(getDb());
  session.current = await addSignedInUser('editor', 'scheduler-editor@example.com');
  for (let i = 0; i < 3; i++) instances.push(openTarget(resolveDatabaseTarget()));
});
afterAll(async () => {
  for (const instance of instances) await closeDatabase(instance);
});

async function scheduled(at: Date, changes: Partial<typeof sample> = {}): Promise<number> {
  const { id } = await createReview({
    ...sample,
    slug: `scheduled-${++counter}`,
    sections: sample.sections.map((section) => ({ ...section, id: randomUUID() })),
    ...changes,
  });
  await schedulePublication(id, at);
  return id;
}

const statusOf = async (id: number) =>
  (await getDb().select({ status: reviews.status }).from(reviews).where(eq(reviews.id, id)))[0]
    ?.status;

const publishAudits = async (id: number) =>
  (
    await getDb()
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.publish'), eq(auditLog.targetId, String(id))))
  ).length;

describe('the scheduler', () => {
  it('publishes what is due, and leaves what is not', async () => {
    const now = Date.now();
    const due = await scheduled(new Date(now + 60_000));
    const later = await scheduled(new Date(now + 3_600_000));
    expect(await publishDueReviews(new Date(now + 120_000))).toBe(1);
    expect(await statusOf(due)).toBe('published');
    expect(await statusOf(later)).toBe('scheduled');
    expect(await publishAudits(due)).toBe(1);
  });

  it('publishes each due review once when three instances run it at the same moment', async () => {
    const now = Date.now();
    const due = [];
    for (let i = 0; i < 6; i++) due.push(await scheduled(new Date(now + 60_000 + i)));
    const at = new Date(now + 120_000);
    const counts = await Promise.all(instances.map((db) => publishDueReviews(at, db)));
    // Between them, every due review once; none twice.
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(due.length);
    for (const id of due) {
      expect(await statusOf(id)).toBe('published');
      expect(await publishAudits(id)).toBe(1);
      const published = await getDb()
        .select({ id: publishedReviews.reviewId })
        .from(publishedReviews)
        .where(eq(publishedReviews.reviewId, id));
      expect(published).toHaveLength(1);
    }
    // A second round finds nothing left to do.
    expect(await Promise.all(instances.map((db) => publishDueReviews(at, db)))).toEqual([0, 0, 0]);
  });
});
