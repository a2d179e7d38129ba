import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import {
  getGenrePage,
  getPersonPage,
  listRelatedReviews,
  TAXONOMY_PAGE_SIZE,
} from '../../db/queries/public-taxonomy';
import { publishRevision } from '../../db/reviews/projection';
import { insertReview } from '../../db/reviews/write';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { seedSampleReview } from '../../db/seed/seed';
import type { ReviewContent } from '../../lib/content/review-content';

// Genre, person and related-review pages read the published projection only.

function review(slug: string, change: Partial<ReviewContent> = {}): ReviewContent {
  return { ...buildSampleReview(readSampleArticle()), slug, headline: `About ${slug}`, ...change };
}

async function add(content: ReviewContent, publish: boolean, at = new Date()): Promise<void> {
  await getDb().transaction(
    async (tx) => {
      const { revisionId } = await insertReview(tx, {
        content,
        authorId: null,
        kind: 'create',
        now: at,
      });
      if (publish) await publishRevision(tx, { revisionId, now: at });
    },
    { behavior: 'immediate' },
  );
}

const director = { name: 'Lee Jong-pil', slug: 'lee-jong-pil', role: 'director' as const };

beforeAll(async () => {
  await migrateDatabase(getDb());
  await seedSampleReview(getDb());
  // Shares the director and a genre with the sample, and is the director's cast credit too.
  await add(
    review('second-escape', {
      genres: [{ name: 'Thriller', slug: 'thriller' }],
      credits: [
        { ...director, character: null },
        { ...director, role: 'cast', character: 'A cameo' },
      ],
    }),
    true,
    new Date(Date.now() + 1_000),
  );
  // Shares only a genre.
  await add(
    review('genre-only', {
      genres: [{ name: 'Political drama', slug: 'political-drama' }],
      credits: [],
    }),
    true,
  );
  // A draft in the same genre with a person no published review credits.
  await add(
    review('secret-draft', {
      genres: [{ name: 'Thriller', slug: 'thriller' }],
      credits: [{ name: 'Draft Person', slug: 'draft-person', role: 'director', character: null }],
    }),
    false,
  );
});

describe('genre pages', () => {
  it('list the published reviews in the genre, newest first, and no draft', async () => {
    const page = await getGenrePage('thriller', 1);
    expect(page?.genre.name).toBe('Thriller');
    expect(page?.reviews.map((r) => r.slug)).toEqual(['second-escape', 'escape-2024']);
    expect(page?.hasNext).toBe(false);
  });

  it('do not exist for an unknown genre or an empty page', async () => {
    expect(await getGenrePage('no-such-genre', 1)).toBeNull();
    expect(await getGenrePage('thriller', 2)).toBeNull();
  });

  it('page by TAXONOMY_PAGE_SIZE', () => {
    expect(TAXONOMY_PAGE_SIZE).toBeGreaterThan(10);
  });
});

describe('person pages', () => {
  it('list every published review crediting the person, with each role', async () => {
    const page = await getPersonPage('lee-jong-pil', 1);
    expect(page?.person.name).toBe('Lee Jong-pil');
    expect(page?.credits.map((c) => c.review.slug)).toEqual(['second-escape', 'escape-2024']);
    expect(page?.credits[0]?.roles).toEqual([
      { role: 'director', character: null },
      { role: 'cast', character: 'A cameo' },
    ]);
  });

  it('do not exist for a person credited only in a draft', async () => {
    expect(await getPersonPage('draft-person', 1)).toBeNull();
  });
});

describe('related reviews', () => {
  it('rank the reviews sharing most genres and people first, never the review itself', async () => {
    const related = await listRelatedReviews('escape-2024');
    expect(related.map((r) => r.slug)).toEqual(['second-escape', 'genre-only']);
  });

  it('never include a draft', async () => {
    const related = await listRelatedReviews('second-escape');
    expect(related.map((r) => r.slug)).not.toContain('secret-draft');
  });
});
