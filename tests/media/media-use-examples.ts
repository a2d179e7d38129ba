import type { Db } from '../../db/client';
import { publishRevision } from '../../db/reviews/projection';
import { appendRevision, insertReview } from '../../db/reviews/write';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import type { ReviewContent } from '../../lib/content/review-content';

// The reviews the published_media and working_media tests write, on either engine: a poster
// also shown in a section, images in a normal and a spoiler section, one image in two reviews,
// and an address the validator allows that names no image row. The SQLite-only tests of the
// migrations that backfill those tables (visibility.sqlite.test.ts) write the same.

export const image = (id: number, alt = 'A still from the film') => ({
  type: 'image',
  attrs: { src: `/media/${id}/1280.webp`, alt, title: null },
});

/** The sample review, under `slug`, with `poster` and the given images added to sections. */
export function content(
  slug: string,
  {
    poster = null,
    inBody = [],
    inSpoiler = [],
  }: Partial<Record<'inBody' | 'inSpoiler', number[]>> & {
    poster?: number | null;
  },
): ReviewContent {
  const sample = buildSampleReview(readSampleArticle());
  const sections = sample.sections.map((section, index) => {
    const extra = index === 0 ? inBody : index === 1 ? inSpoiler : [];
    return {
      ...section,
      spoiler: index === 1 ? true : section.spoiler,
      body: {
        ...section.body,
        content: [...(section.body.content ?? []), ...extra.map((id) => image(id))],
      },
    };
  });
  return { ...sample, slug, posterMediaId: poster, sections };
}

/** The (review, image) pairs both example sets below record, in order. */
export const EXPECTED_MEDIA_ROWS = [
  { review_id: 1, media_id: 1 },
  { review_id: 1, media_id: 2 },
  { review_id: 2, media_id: 2 },
  { review_id: 2, media_id: 3 },
  { review_id: 3, media_id: 987_654 },
];

/** Four reviews published in a fresh database (ids 1–4): what published_media must hold. */
export async function publishExamples(db: Db): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    for (const value of [
      content('backfill-one', { poster: 1, inBody: [1, 2] }),
      content('backfill-two', { inBody: [3], inSpoiler: [2] }),
      content('backfill-three', { inBody: [987_654] }),
      content('backfill-four', {}),
    ]) {
      const { revisionId } = await insertReview(tx, {
        content: value,
        authorId: null,
        kind: 'create',
        now,
      });
      await publishRevision(tx, { revisionId, now });
    }
  });
}

/**
 * Three working copies in a fresh database (ids 1–3), the second revised so that its newest
 * revision shows none of its images: what working_media must hold (only the newest counts).
 */
export async function writeWorkingExamples(db: Db): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    await insertReview(tx, {
      content: content('working-one', { poster: 1, inBody: [1, 2] }),
      authorId: null,
      kind: 'create',
      now,
    });
    const { reviewId } = await insertReview(tx, {
      content: content('working-two', { inBody: [3], inSpoiler: [2] }),
      authorId: null,
      kind: 'create',
      now,
    });
    await appendRevision(
      tx,
      { id: reviewId, version: 1 },
      { content: content('working-two', {}), kind: 'save', authorId: null, baseVersion: 1, now },
    );
    await insertReview(tx, {
      content: content('working-three', { inBody: [987_654] }),
      authorId: null,
      kind: 'create',
      now,
    });
  });
}
