import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { getPublishedReviewBySlug, listPublishedReviews } from '../../db/queries/public-reviews';
import { publishRevision } from '../../db/reviews/projection';
import { insertReview } from '../../db/reviews/write';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { seedSampleReview } from '../../db/seed/seed';
import { doc, paragraph, textRun } from '../../lib/content/rich-text/build';
import { emptyRichText } from '../../lib/content/rich-text/validate';
import { reviewRevisions } from '../../db/schema';
import { queryValue } from '../support/raw-sql';

// These tests use the process-wide connection (DATABASE_URL is a throwaway database, see
// tests/support/setup.ts), exactly as the pages do.

beforeAll(async () => {
  const db = getDb();
  await migrateDatabase(db);
  await seedSampleReview(db);
});

function draftOf(slug: string) {
  const content = buildSampleReview(readSampleArticle());
  return { ...content, slug, headline: `Draft headline for ${slug}` };
}

describe('reader queries', () => {
  it('return the published sample review with its credits and sections', async () => {
    const review = await getPublishedReviewBySlug('escape-2024');
    expect(review?.workTitle).toBe('Escape');
    expect(review?.sections).toHaveLength(8);
    expect(review?.credits.find((c) => c.name === 'Koo Kyo-hwan')?.character).toBe(
      'Major Ri Hyun-sang',
    );
    expect(review?.genres.map((g) => g.name)).toEqual(['Thriller', 'Political drama']);
  });

  it('never return a draft, by slug or in the list', async () => {
    const db = getDb();
    await db.transaction(
      async (tx) =>
        await insertReview(tx, {
          content: draftOf('secret-draft'),
          authorId: null,
          kind: 'create',
          now: new Date(),
        }),
      {
        behavior: 'immediate',
      },
    );
    expect(await getPublishedReviewBySlug('secret-draft')).toBeNull();
    const slugs = (await listPublishedReviews({ limit: 50 })).reviews.map((r) => r.slug);
    expect(slugs).toContain('escape-2024');
    expect(slugs).not.toContain('secret-draft');
  });

  it('keep showing the published revision while a newer draft revision exists', async () => {
    const db = getDb();
    const now = new Date();
    const { reviewId, revisionId } = await db.transaction(
      async (tx) => {
        const created = await insertReview(tx, {
          content: draftOf('revised-review'),
          authorId: null,
          kind: 'create',
          now,
        });
        await publishRevision(tx, { revisionId: created.revisionId, now });
        return created;
      },
      { behavior: 'immediate' },
    );
    // A later draft revision changes the headline but is not published.
    await db.transaction(async (tx) => {
      await tx.insert(reviewRevisions).values({
        reviewId,
        version: 2,
        baseVersion: 1,
        kind: 'save',
        createdAt: new Date(),
        content: JSON.stringify({ ...draftOf('revised-review'), headline: 'Unpublished rewrite' }),
      });
    });

    const shown = await getPublishedReviewBySlug('revised-review');
    expect(shown?.headline).toBe('Draft headline for revised-review');
    expect(
      await queryValue(db, 'select published_revision_id from reviews where id = ?', reviewId),
    ).toBe(revisionId);
  });

  it('refuse to publish a revision without a headline', async () => {
    const db = getDb();
    await expect(
      db.transaction(
        async (tx) => {
          const created = await insertReview(tx, {
            content: { ...draftOf('no-headline'), headline: '' },
            authorId: null,
            kind: 'create',
            now: new Date(),
          });
          await publishRevision(tx, { revisionId: created.revisionId, now: new Date() });
        },
        { behavior: 'immediate' },
      ),
    ).rejects.toThrow(/Add a headline\./);
    // The transaction rolled back: nothing of the refused review remains.
    expect(await queryValue(db, "select count(*) from reviews where slug = 'no-headline'")).toBe(0);
  });

  it('leave out empty sections: no heading without text on the page, in Contents or search', async () => {
    const db = getDb();
    const content = draftOf('mostly-empty');
    const [first, ...rest] = content.sections;
    const emptied = {
      ...content,
      sections: [
        first!,
        ...rest.map((section) => ({ ...section, body: emptyRichText() })),
        {
          ...first!,
          id: crypto.randomUUID(),
          heading: 'Only spaces',
          body: doc([paragraph(textRun('   '))]),
        },
      ],
    };
    await db.transaction(
      async (tx) => {
        const created = await insertReview(tx, {
          content: emptied,
          authorId: null,
          kind: 'create',
          now: new Date(),
        });
        await publishRevision(tx, { revisionId: created.revisionId, now: new Date() });
      },
      { behavior: 'immediate' },
    );
    const review = await getPublishedReviewBySlug('mostly-empty');
    expect(review?.sections.map((section) => section.heading)).toEqual([first!.heading]);
  });
});
