import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { getSitemapData } from '../../db/queries/public-feed';
import { insertReview } from '../../db/reviews/write';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { seedSampleReview } from '../../db/seed/seed';
import {
  buildRobotsTxt,
  buildSitemapXml,
  SITEMAP_URL_LIMIT,
  sitemapEntries,
} from '../../lib/seo/sitemap';
import { SITE, parseXml } from './fixtures';
import { genres, people } from '../../db/schema';

type UrlSet = { urlset: { '@xmlns': string; url?: Array<{ loc: string; lastmod?: string }> } };

function urls(xml: string) {
  const parsed = parseXml(xml) as UrlSet;
  expect(parsed.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  return parsed.urlset.url ?? [];
}

describe('buildSitemapXml', () => {
  it('escapes every value and percent-encodes path segments', () => {
    const xml = buildSitemapXml(
      sitemapEntries('https://reviews.example', {
        reviews: [{ slug: 'a&b<c>"d\'', updatedAt: '2025-01-01T00:00:00.000Z' }],
        genres: [{ slug: 'sci fi/<x>', updatedAt: '2025-01-01T00:00:00.000Z' }],
        people: [{ slug: 'ünïcode\u0001', updatedAt: '2025-01-01T00:00:00.000Z' }],
      }),
    );
    expect(xml).not.toMatch(/<x>|"d|\u0001/);
    expect(urls(xml).map((url) => url.loc)).toEqual([
      'https://reviews.example/',
      'https://reviews.example/about',
      "https://reviews.example/reviews/a%26b%3Cc%3E%22d'",
      'https://reviews.example/genres/sci%20fi%2F%3Cx%3E',
      'https://reviews.example/people/%C3%BCn%C3%AFcode%01',
    ]);
    // Even a raw value with markup stays text.
    const raw = buildSitemapXml([{ loc: 'https://x/<script>&', lastModified: '<b>' }]);
    expect(urls(raw)).toEqual([{ loc: 'https://x/<script>&', lastmod: '<b>' }]);
  });

  it('stops at the 50,000 URLs a sitemap may hold', () => {
    const many = Array.from({ length: SITEMAP_URL_LIMIT + 5 }, (_, i) => ({
      loc: `https://x/${i}`,
    }));
    expect(urls(buildSitemapXml(many))).toHaveLength(SITEMAP_URL_LIMIT);
  });
});

describe('buildRobotsTxt', () => {
  it('allows everything but the admin and the API, and names the sitemap', () => {
    expect(buildRobotsTxt('https://reviews.example').split('\n')).toEqual([
      'User-agent: *',
      'Allow: /',
      'Disallow: /admin',
      'Disallow: /api',
      '',
      'Sitemap: https://reviews.example/sitemap.xml',
      '',
    ]);
  });
});

describe('the sitemap query', () => {
  beforeAll(async () => {
    const db = getDb();
    await migrateDatabase(db);
    await seedSampleReview(db);
    const content = buildSampleReview(readSampleArticle());
    // A draft with its own genre and person (never published, so never projected).
    await db.transaction(
      async (tx) =>
        await insertReview(tx, {
          content: {
            ...content,
            slug: 'secret-draft',
            genres: [{ name: 'Secret genre', slug: 'secret-genre' }],
            credits: [
              { name: 'Secret Person', slug: 'secret-person', role: 'director', character: null },
            ],
          },
          authorId: null,
          kind: 'create',
          now: new Date(),
        }),
      { behavior: 'immediate' },
    );
    // A person and a genre left behind by an unpublished review: no published review credits
    // them any more.
    await db.transaction(async (tx) => {
      await tx.insert(people).values({ name: 'Gone Person', slug: 'secret-gone' });
      await tx.insert(genres).values({ name: 'Gone', slug: 'secret-gone-genre' });
    });
  });

  it('lists published reviews and the genres and people that have one', async () => {
    const data = await getSitemapData();
    expect(data.reviews.map((review) => review.slug)).toEqual(['escape-2024']);
    expect(data.genres.map((genre) => genre.slug)).toEqual(['political-drama', 'thriller']);
    expect(data.people.map((person) => person.slug)).toContain('lee-jong-pil');
    expect(data.people.map((person) => person.slug)).not.toContain('secret-person');
    const reviewDate = data.reviews[0]!.updatedAt;
    expect(data.genres[0]!.updatedAt).toBe(reviewDate);

    const xml = buildSitemapXml(sitemapEntries(SITE.url, data));
    const locs = urls(xml);
    expect(locs).toContainEqual({
      loc: 'https://reviews.example/reviews/escape-2024',
      lastmod: reviewDate,
    });
    expect(locs.map((url) => url.loc)).toEqual(
      expect.arrayContaining([
        'https://reviews.example/',
        'https://reviews.example/about',
        'https://reviews.example/genres/thriller',
        'https://reviews.example/people/lee-je-hoon',
      ]),
    );
    expect(xml).not.toContain('secret');
  });
});
