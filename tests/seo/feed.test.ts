import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { listFeedReviews } from '../../db/queries/public-feed';
import { publishRevision } from '../../db/reviews/projection';
import { insertReview } from '../../db/reviews/write';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { seedSampleReview } from '../../db/seed/seed';
import { buildRssFeed, type FeedReview } from '../../lib/seo/feed';
import { HOSTILE, SITE, body, parseXml } from './fixtures';

type RssItem = {
  title: string;
  link: string;
  guid: { '#text': string; '@isPermaLink': string };
  pubDate: string;
  description: string;
  'dc:creator': { '#text': string; '@xmlns:dc': string };
  category?: string[];
};

function items(xml: string): RssItem[] {
  const rss = parseXml(xml).rss as { '@version': string; channel: { item?: RssItem[] } };
  expect(rss['@version']).toBe('2.0');
  return rss.channel.item ?? [];
}

function feedReview(overrides: Partial<FeedReview> = {}): FeedReview {
  return {
    reviewId: 1,
    slug: 'escape-2024',
    headline: 'Escape (2024)',
    authorName: 'Dana Critic',
    publishedAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-02-03T04:05:06.000Z',
    excerpt: ['The dek.', 'The first paragraph.'],
    genres: ['Thriller'],
    ...overrides,
  };
}

function build(reviews: FeedReview[]): string {
  return buildRssFeed({ siteUrl: SITE.url, siteName: SITE.name, description: 'Reviews.', reviews });
}

describe('buildRssFeed', () => {
  it('writes RSS 2.0 items with title, link, guid, date, author and excerpt', () => {
    const [item, ...rest] = items(build([feedReview()]));
    expect(rest).toHaveLength(0);
    expect(item).toMatchObject({
      title: 'Escape (2024)',
      link: 'https://reviews.example/reviews/escape-2024',
      guid: { '#text': 'tag:reviews.example,2025-01-02:review-1', '@isPermaLink': 'false' },
      pubDate: 'Thu, 02 Jan 2025 03:04:05 GMT',
      description: '<p>The dek.</p><p>The first paragraph.</p>',
      'dc:creator': { '#text': 'Dana Critic', '@xmlns:dc': 'http://purl.org/dc/elements/1.1/' },
      category: ['Thriller'],
    });
  });

  it('names the publication when a review has no author', () => {
    const [item] = items(build([feedReview({ authorName: null })]));
    expect(item!['dc:creator']['#text']).toBe('The Review Desk');
  });

  it('keeps hostile text as text: <script> in a title, CDATA ends, forbidden characters', () => {
    const headline = `${HOSTILE} ]]> & ]]><b>x</b> \u0001end`;
    const xml = build([
      feedReview({
        headline,
        authorName: `Eve ]]></dc:creator>${HOSTILE}`,
        excerpt: [`${HOSTILE} & <img src=x onerror=alert(1)>`],
        genres: ['<b>Genre</b> & co'],
      }),
    ]);
    const [item] = items(xml);
    // The title is plain text, exactly the headline (the control character dropped, each
    // "]]>" kept readable with an invisible word joiner).
    expect(item!.title).toBe(`${HOSTILE} ]]\u2060> & ]]\u2060><b>x</b> end`);
    expect(item!['dc:creator']['#text']).toBe(`Eve ]]\u2060></dc:creator>${HOSTILE}`);
    expect(item!.category).toEqual(['<b>Genre</b> & co']);
    // The description is HTML, so its text is escaped HTML: a reader shows "<script>".
    expect(item!.description).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</p>',
    );
    // Outside CDATA sections, no markup from the review reached the XML.
    const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    expect(outsideCdata).not.toMatch(/<script|<b>|<img/);
  });

  it('is valid with no reviews at all', () => {
    expect(items(build([]))).toEqual([]);
  });
});

describe('the feed query', () => {
  const spoiler = `SPOILER-${randomUUID()}`;

  beforeAll(async () => {
    const db = getDb();
    await migrateDatabase(db);
    await seedSampleReview(db);
    // A review whose first section is a spoiler, published the normal way.
    const content = buildSampleReview(readSampleArticle());
    const [first, second] = content.sections;
    await db.transaction(
      async (tx) => {
        const created = await insertReview(tx, {
          content: {
            ...content,
            slug: 'spoiled-2024',
            headline: 'Spoiled (2024)',
            dek: '',
            sections: [
              { ...first!, id: randomUUID(), spoiler: true, body: body(`${spoiler} dies.`) },
              { ...second!, id: randomUUID(), spoiler: false, body: body('Safe lead paragraph.') },
            ],
          },
          authorId: null,
          kind: 'create',
          now: new Date(Date.now() + 1000),
        });
        await publishRevision(tx, {
          revisionId: created.revisionId,
          now: new Date(Date.now() + 1000),
        });
      },
      { behavior: 'immediate' },
    );
    // A draft, which must never appear.
    await db.transaction(
      async (tx) =>
        await insertReview(tx, {
          content: { ...content, slug: 'secret-draft', headline: 'Secret draft headline' },
          authorId: null,
          kind: 'create',
          now: new Date(),
        }),
      { behavior: 'immediate' },
    );
  });

  it('lists published reviews, newest first, with excerpts that skip spoiler sections', async () => {
    const reviews = await listFeedReviews();
    expect(reviews.map((review) => review.slug)).toEqual(['spoiled-2024', 'escape-2024']);
    expect(reviews[0]!.excerpt).toEqual(['Safe lead paragraph.']);
    // The sample's excerpt: its dek, cut to about 500 characters.
    const sample = reviews[1]!;
    expect(sample.excerpt[0]).toMatch(/^Escape \(2024\), directed by Lee Jong-pil/);
    expect(sample.excerpt.join('').length).toBeLessThanOrEqual(500);
    expect(sample.genres).toEqual(['Thriller', 'Political drama']);

    const xml = buildRssFeed({ siteUrl: SITE.url, siteName: SITE.name, description: 'x', reviews });
    expect(items(xml).map((item) => item.title)).toEqual([
      'Spoiled (2024)',
      'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival',
    ]);
    expect(xml).not.toContain(spoiler);
    expect(xml).not.toContain('Secret draft');
    // Cached values go through JSON: plain data only.
    expect(JSON.parse(JSON.stringify(reviews))).toEqual(reviews);
  });
});
