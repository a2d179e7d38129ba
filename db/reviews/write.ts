import { eq } from 'drizzle-orm';
import type { ReviewContent } from '../../lib/content/review-content';
import type { RevisionKind } from '../../lib/content/vocabulary';
import type { Tx } from '../client';
import { mediaIdsInReview } from '../../lib/media/references';
import { reviewRevisions, reviews, workingMedia } from '../schema';
import { insertedRow } from '../engine/rows';

// Writes on the editing side. These functions do not check who is asking: they are the
// building blocks that the authorized data-access functions (and the seed) call inside a
// transaction they have opened.

/** The columns of `reviews` that summarize the working copy. */
export function workingCopySummary(content: ReviewContent) {
  return {
    slug: content.slug,
    headline: content.headline,
    dek: content.dek,
    workTitle: content.work.title,
    originalTitle: content.work.originalTitle,
    year: content.work.year,
    kind: content.work.kind,
    countries: content.work.countries,
    languages: content.work.languages,
    runtimeMinutes: content.work.runtimeMinutes,
    ratingValue: content.rating?.value ?? null,
    ratingScale: content.rating?.scale ?? null,
    posterMediaId: content.posterMediaId,
  };
}

/** Creates a review and its first revision (version 1). Returns both ids. */
export async function insertReview(
  tx: Tx,
  input: { content: ReviewContent; authorId: number | null; kind: RevisionKind; now: Date },
): Promise<{ reviewId: number; revisionId: number }> {
  const { content, authorId, kind, now } = input;
  const review = insertedRow(
    await tx
      .insert(reviews)
      .values({
        ...workingCopySummary(content),
        status: 'draft',
        authorId,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .returning({ id: reviews.id }),
  );
  const revision = insertedRow(
    await tx
      .insert(reviewRevisions)
      .values({
        reviewId: review.id,
        version: 1,
        baseVersion: null,
        kind,
        authorId,
        createdAt: now,
        content: JSON.stringify(content),
      })
      .returning({ id: reviewRevisions.id }),
  );
  await recordWorkingMedia(tx, review.id, content);
  return { reviewId: review.id, revisionId: revision.id };
}

/** The images the review's newest revision shows, replacing those of the one before. */
async function recordWorkingMedia(tx: Tx, reviewId: number, content: ReviewContent): Promise<void> {
  await tx.delete(workingMedia).where(eq(workingMedia.reviewId, reviewId));
  const ids = mediaIdsInReview(content);
  if (ids.length > 0)
    await tx.insert(workingMedia).values(ids.map((mediaId) => ({ reviewId, mediaId })));
}

/**
 * Appends the next revision of a review and updates the working-copy summary, in the caller's
 * transaction. Revisions are never changed afterwards: history, diffs and three-way merges
 * all rely on every version staying exactly as it was saved.
 */
export async function appendRevision(
  tx: Tx,
  review: { id: number; version: number },
  input: {
    content: ReviewContent;
    kind: RevisionKind;
    authorId: number | null;
    baseVersion: number;
    message?: string | null;
    now: Date;
  },
): Promise<{ version: number; revisionId: number }> {
  const version = review.version + 1;
  const revision = insertedRow(
    await tx
      .insert(reviewRevisions)
      .values({
        reviewId: review.id,
        version,
        baseVersion: input.baseVersion,
        kind: input.kind,
        authorId: input.authorId,
        createdAt: input.now,
        message: input.message ?? null,
        content: JSON.stringify(input.content),
      })
      .returning({ id: reviewRevisions.id }),
  );
  await tx
    .update(reviews)
    .set({ ...workingCopySummary(input.content), version, updatedAt: input.now })
    .where(eq(reviews.id, review.id));
  await recordWorkingMedia(tx, review.id, input.content);
  return { version, revisionId: revision.id };
}

/** Reads a revision's content back; it was validated before it was stored. */
export async function revisionContent(
  tx: Tx,
  revisionId: number,
): Promise<{ reviewId: number; content: ReviewContent }> {
  const [row] = await tx
    .select({ reviewId: reviewRevisions.reviewId, content: reviewRevisions.content })
    .from(reviewRevisions)
    .where(eq(reviewRevisions.id, revisionId));
  if (!row) throw new Error(`Revision ${revisionId} does not exist.`);
  return { reviewId: row.reviewId, content: JSON.parse(row.content) as ReviewContent };
}
