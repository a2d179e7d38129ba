import { eq, inArray } from 'drizzle-orm';
import { reviewContentSchema } from '../../lib/content/review-content';
import { publishChecklist } from '../../lib/content/publish-checklist';
import { mediaIdsInReview } from '../../lib/media/references';
import {
  credits,
  genres,
  people,
  publishedMedia,
  publishedReviews,
  reviewGenres,
  reviews,
  sections,
} from '../schema';
import type { Tx } from '../client';
import { notPublishableError } from './errors';
import { indexPublishedReview } from './search-index';
import { revisionContent, workingCopySummary } from './write';
import { publishedSections } from '../../lib/content/publish-checklist';

/** Inserts the named rows when their slug is new and returns every slug's id. */
async function upsertBySlug(
  tx: Tx,
  table: typeof people | typeof genres,
  rows: Array<{ name: string; slug: string }>,
): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  await tx.insert(table).values(rows).onConflictDoNothing({ target: table.slug });
  const slugs = rows.map((row) => row.slug);
  const found = await tx
    .select({ id: table.id, slug: table.slug })
    .from(table)
    .where(inArray(table.slug, slugs));
  return new Map(found.map((row) => [row.slug, row.id]));
}

/**
 * Makes one revision the published version of its review: rewrites the reader-side rows
 * (facts, sections, credits, genres, the images it shows, the search row) from the revision's
 * snapshot and points the review at it.
 * Must run inside an IMMEDIATE transaction; callers authorize first.
 */
export async function publishRevision(
  tx: Tx,
  input: { revisionId: number; now: Date },
): Promise<void> {
  const { reviewId, content: stored } = await revisionContent(tx, input.revisionId);
  const missing = publishChecklist(stored);
  if (missing.length > 0) throw notPublishableError(missing);
  const content = reviewContentSchema.parse(stored);
  const [review] = await tx
    .select({ authorId: reviews.authorId, publishedAt: reviews.publishedAt })
    .from(reviews)
    .where(eq(reviews.id, reviewId));
  if (!review) throw new Error(`Review ${reviewId} does not exist.`);
  const firstPublishedAt = review.publishedAt ?? input.now;

  // Replacing the projection wholesale keeps it exactly equal to the snapshot: the cascade
  // removes the old sections, credits and genre links with the row.
  await tx.delete(publishedReviews).where(eq(publishedReviews.reviewId, reviewId));
  await tx.insert(publishedReviews).values({
    reviewId,
    revisionId: input.revisionId,
    // The same columns, from the same content, as the working copy's summary on `reviews`.
    ...workingCopySummary(content),
    authorId: review.authorId,
    publishedAt: firstPublishedAt,
    updatedAt: input.now,
  });

  const written = publishedSections(content.sections);
  if (written.length > 0) {
    await tx.insert(sections).values(
      written.map((section, position) => ({
        id: section.id,
        reviewId,
        kind: section.kind,
        heading: section.heading,
        body: JSON.stringify(section.body),
        spoiler: section.spoiler,
        position,
      })),
    );
  }

  // The images readers can now see (poster and section images): the media route serves these
  // to anyone. Like the sections, the old rows went with the projection row (cascade).
  const mediaIds = mediaIdsInReview(content);
  if (mediaIds.length > 0) {
    await tx.insert(publishedMedia).values(mediaIds.map((mediaId) => ({ reviewId, mediaId })));
  }

  const personIds = await upsertBySlug(tx, people, content.credits);
  if (content.credits.length > 0) {
    await tx.insert(credits).values(
      content.credits.map((credit, position) => ({
        reviewId,
        personId: personIds.get(credit.slug)!,
        role: credit.role,
        character: credit.role === 'cast' ? credit.character : null,
        position,
        publishedAt: firstPublishedAt,
      })),
    );
  }

  const genreIds = await upsertBySlug(tx, genres, content.genres);
  if (content.genres.length > 0) {
    await tx.insert(reviewGenres).values(
      content.genres.map((genre, position) => ({
        reviewId,
        genreId: genreIds.get(genre.slug)!,
        position,
        publishedAt: firstPublishedAt,
      })),
    );
  }

  // The search row, from the projection just written (non-spoiler sections only).
  await indexPublishedReview(tx, reviewId);

  await tx
    .update(reviews)
    .set({
      status: 'published',
      publishedRevisionId: input.revisionId,
      publishedAt: firstPublishedAt,
      scheduledFor: null,
      updatedAt: input.now,
    })
    .where(eq(reviews.id, reviewId));
}
