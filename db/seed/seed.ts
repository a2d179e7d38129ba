import { count } from 'drizzle-orm';
import type { Db } from '../client';
import { publishRevision } from '../reviews/projection';
import { insertReview } from '../reviews/write';
import { reviews } from '../schema';
import { buildSampleReview, readSampleArticle } from './sample-review';

export type SeedResult = { seeded: true; reviewId: number } | { seeded: false; reason: string };

/**
 * Seeds the published sample review into a database that has no reviews. The emptiness check
 * and the writes share one IMMEDIATE transaction, so two processes starting at once cannot
 * both seed, and running it again changes nothing.
 */
export async function seedSampleReview(db: Db): Promise<SeedResult> {
  const content = buildSampleReview(readSampleArticle());
  return db.transaction(async (tx): Promise<SeedResult> => {
    const existing = (await tx.select({ n: count() }).from(reviews))[0]?.n ?? 0;
    if (existing > 0)
      return { seeded: false, reason: `the database already has ${existing} review(s)` };
    const now = new Date();
    const { reviewId, revisionId } = await insertReview(tx, {
      content,
      authorId: null,
      kind: 'seed',
      now,
    });
    await publishRevision(tx, { revisionId, now });
    return { seeded: true, reviewId };
  });
}
