import { and, asc, eq, lte } from 'drizzle-orm';
import type { Tx } from '../client';
import { forUpdateSkipLocked } from '../engine/locking';
import { publishedReviews, reviewRevisions, reviews, slugRedirects } from '../schema';
import { publishRevision } from './projection';
import { appendRevision, revisionContent } from './write';

// Publishing the newest revision, shared by the editor's "Publish now" (after its permission
// check) and the scheduler (which acts for the editor who scheduled). No authorization here.

export type ReviewRow = typeof reviews.$inferSelect;

export async function headRevisionId(tx: Tx, review: ReviewRow): Promise<number> {
  const [row] = await tx
    .select({ id: reviewRevisions.id })
    .from(reviewRevisions)
    .where(
      and(eq(reviewRevisions.reviewId, review.id), eq(reviewRevisions.version, review.version)),
    );
  if (!row) throw new Error(`Review ${review.id} has no revision ${review.version}.`);
  return row.id;
}

/**
 * Publishes the newest revision, as a revision of its own (kind 'publish', by `authorId`; null
 * for the scheduler), so history shows exactly what went live and when. When the public slug changes, the old one keeps working as a
 * permanent redirect. The public page switches atomically with the transaction's commit.
 */
export async function publishNewestRevision(
  tx: Tx,
  review: ReviewRow,
  now: Date,
  authorId: number | null,
): Promise<{ version: number }> {
  // The checklist runs once, in publishRevision, before anything is visible: a refusal there
  // rolls this whole transaction back, the "publish" revision with it.
  const { content } = await revisionContent(tx, await headRevisionId(tx, review));
  const [previous] = await tx
    .select({ slug: publishedReviews.slug })
    .from(publishedReviews)
    .where(eq(publishedReviews.reviewId, review.id));
  await tx.delete(slugRedirects).where(eq(slugRedirects.slug, content.slug));
  if (previous && previous.slug !== content.slug) {
    await tx
      .insert(slugRedirects)
      .values({ slug: previous.slug, reviewId: review.id, createdAt: now })
      .onConflictDoNothing();
  }
  const published = await appendRevision(tx, review, {
    content,
    kind: 'publish',
    authorId,
    baseVersion: review.version,
    now,
  });
  await publishRevision(tx, { revisionId: published.revisionId, now });
  return { version: published.version };
}

/**
 * Reviews whose scheduled time has come (for the scheduler), claimed: locked until the
 * transaction ends, skipping those another instance's scheduler holds, so each is published once.
 */
export async function dueScheduledReviews(tx: Tx, now: Date): Promise<ReviewRow[]> {
  return await forUpdateSkipLocked(
    tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.status, 'scheduled'), lte(reviews.scheduledFor, now)))
      .orderBy(asc(reviews.scheduledFor)),
  );
}
