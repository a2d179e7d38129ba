import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { readerQuery } from '../../lib/cache/reader-cache';
import { excerptParagraphs } from '../../lib/seo/excerpt';
import type { FeedReview } from '../../lib/seo/feed';
import {
  SITEMAP_FILE_URLS,
  type SitemapCounts,
  type SitemapData,
  type SitemapKind,
} from '../../lib/seo/sitemap';
import { getDb } from '../client';
import { rawRows } from '../engine/dialect';
import {
  credits,
  genres,
  people,
  publishedReviews,
  reviewGenres,
  sections,
  users,
} from '../schema';

// Reader-side queries for the feed and the sitemap. Like db/queries/public-reviews.ts they
// read only the published projection (published_reviews, sections, credits and people,
// review_genres and genres; users only for the author's name), so no draft can reach them.
// Spoiler sections are left out in SQL: their text is never even loaded for an excerpt.
// Cached until published content changes (lib/cache/reader-cache.ts); values are plain data
// with ISO dates, as the cache stores JSON.

/** How many reviews the feed lists. */
export const FEED_LENGTH = 30;

/** The newest published reviews for the feed, with their excerpts. */
async function queryFeedReviews(limit: number = FEED_LENGTH): Promise<FeedReview[]> {
  const db = getDb();
  const rows = await db
    .select({
      reviewId: publishedReviews.reviewId,
      slug: publishedReviews.slug,
      headline: publishedReviews.headline,
      dek: publishedReviews.dek,
      authorName: users.name,
      publishedAt: publishedReviews.publishedAt,
      updatedAt: publishedReviews.updatedAt,
    })
    .from(publishedReviews)
    .leftJoin(users, eq(users.id, publishedReviews.authorId))
    .orderBy(desc(publishedReviews.publishedAt), desc(publishedReviews.reviewId))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.reviewId);

  const [sectionRows, genreRows] = await Promise.all([
    db
      .select({ reviewId: sections.reviewId, body: sections.body })
      .from(sections)
      .where(and(inArray(sections.reviewId, ids), eq(sections.spoiler, false)))
      .orderBy(asc(sections.reviewId), asc(sections.position)),
    db
      .select({ reviewId: reviewGenres.reviewId, name: genres.name })
      .from(reviewGenres)
      .innerJoin(genres, eq(genres.id, reviewGenres.genreId))
      .where(inArray(reviewGenres.reviewId, ids))
      .orderBy(asc(reviewGenres.reviewId), asc(reviewGenres.position)),
  ]);

  const sectionsOf = new Map<number, Array<{ spoiler: false; body: unknown }>>();
  for (const row of sectionRows) {
    const list = sectionsOf.get(row.reviewId) ?? [];
    list.push({ spoiler: false, body: JSON.parse(row.body) as unknown });
    sectionsOf.set(row.reviewId, list);
  }
  const genresOf = new Map<number, string[]>();
  for (const row of genreRows) {
    genresOf.set(row.reviewId, [...(genresOf.get(row.reviewId) ?? []), row.name]);
  }

  return rows.map((row) => ({
    reviewId: row.reviewId,
    slug: row.slug,
    headline: row.headline,
    authorName: row.authorName,
    publishedAt: row.publishedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    excerpt: excerptParagraphs({ dek: row.dek, sections: sectionsOf.get(row.reviewId) ?? [] }),
    genres: genresOf.get(row.reviewId) ?? [],
  }));
}

function iso(time: Date): string {
  return time.toISOString();
}

/**
 * A genre or person page's last change, for the sitemap: the first publication of its newest
 * review, read from the link's own published_at (one index lookup: the max of
 * (genre_id | person_id, published_at)). Later edits of older reviews do not count, which keeps
 * a sitemap of a hundred thousand reviews cheap; a new review in the list, its significant
 * change, does.
 */
// Mapped by the column, so each engine's timestamp (milliseconds, timestamptz) becomes a Date.
const newestPublication = (column: typeof reviewGenres.publishedAt | typeof credits.publishedAt) =>
  sql<Date>`max(${column})`.mapWith(column);

/** The reviews, genres and people the sitemap lists, most recently changed reviews first. */
async function querySitemapData(): Promise<SitemapData> {
  const db = getDb();
  const [reviewRows, genreRows, personRows] = await Promise.all([
    db
      .select({ slug: publishedReviews.slug, updatedAt: publishedReviews.updatedAt })
      .from(publishedReviews)
      .orderBy(desc(publishedReviews.updatedAt), desc(publishedReviews.reviewId)),
    db
      .select({ slug: genres.slug, updatedAt: newestPublication(reviewGenres.publishedAt) })
      .from(genres)
      .innerJoin(reviewGenres, eq(reviewGenres.genreId, genres.id))
      .groupBy(genres.id)
      .orderBy(asc(genres.slug)),
    db
      .select({ slug: people.slug, updatedAt: newestPublication(credits.publishedAt) })
      .from(people)
      .innerJoin(credits, eq(credits.personId, people.id))
      .groupBy(people.id)
      .orderBy(asc(people.slug)),
  ]);
  return {
    reviews: reviewRows.map((row) => ({ slug: row.slug, updatedAt: row.updatedAt.toISOString() })),
    genres: genreRows.map((row) => ({ slug: row.slug, updatedAt: iso(row.updatedAt) })),
    people: personRows.map((row) => ({ slug: row.slug, updatedAt: iso(row.updatedAt) })),
  };
}

/**
 * How many reviews, genres and people a sitemap lists: the published reviews, and the genres and
 * people with a link to one (the link tables belong to the published projection). Each genre or
 * person is one index lookup, rather than a count of their links.
 */
async function querySitemapCounts(): Promise<SitemapCounts> {
  const [row] = await rawRows<SitemapCounts>(
    getDb(),
    sql`
    select
      (select cast(count(*) as integer) from ${publishedReviews}) as reviews,
      (select cast(count(*) as integer) from ${genres} as g
        where exists (select 1 from ${reviewGenres} where ${reviewGenres.genreId} = g.id limit 1)) as genres,
      (select cast(count(*) as integer) from ${people} as p
        where exists (select 1 from ${credits} where ${credits.personId} = p.id limit 1)) as people`,
  );
  return row ?? { reviews: 0, genres: 0, people: 0 };
}

/**
 * One file of a large site's sitemap: part `part` (from 1) of the reviews (most recently changed
 * first), the genres or the people with a published review (by slug), `size` to a file. Reviews
 * come in order from the published_reviews.updated_at index; genres and people from their slug
 * index, each with its newest publication (see newestPublication).
 */
async function querySitemapPart(
  kind: SitemapKind,
  part: number,
  size: number = SITEMAP_FILE_URLS,
): Promise<Array<{ slug: string; updatedAt: string }>> {
  const db = getDb();
  const offset = (part - 1) * size;
  if (kind === 'reviews') {
    const rows = await db
      .select({ slug: publishedReviews.slug, updatedAt: publishedReviews.updatedAt })
      .from(publishedReviews)
      .orderBy(desc(publishedReviews.updatedAt), desc(publishedReviews.reviewId))
      .limit(size)
      .offset(offset);
    return rows.map((row) => ({ slug: row.slug, updatedAt: row.updatedAt.toISOString() }));
  }
  const [table, link, key, linkPublishedAt] =
    kind === 'genres'
      ? ([genres, reviewGenres, reviewGenres.genreId, reviewGenres.publishedAt] as const)
      : ([people, credits, credits.personId, credits.publishedAt] as const);
  // `limit 1` in the EXISTS is load-bearing: SQLite 3.51.2 (better-sqlite3 12.6) turns a plain
  // EXISTS into a join and then counts OFFSET in joined rows, one per credit, so every part after
  // the first repeated people (tests/seo/sitemap-index.test.ts catches it).
  // Raw, for the alias `t` the correlated subquery needs; the alias of the time is quoted
  // (PostgreSQL folds unquoted names to lower case) and the column maps its value (SQLite's
  // milliseconds, PostgreSQL's timestamptz text) to a Date.
  const found = await rawRows<{ slug: string; updatedAt: unknown }>(
    db,
    sql`
    select t.slug as slug, (select max(${linkPublishedAt}) from ${link} where ${key} = t.id) as "updatedAt"
    from ${table} as t
    where exists (select 1 from ${link} where ${key} = t.id limit 1)
    order by t.slug
    limit ${size} offset ${offset}`,
  );
  const rows = found.map((row) => ({
    slug: row.slug,
    updatedAt: linkPublishedAt.mapFromDriverValue(row.updatedAt as never) as Date,
  }));
  return rows.map((row) => ({ slug: row.slug, updatedAt: iso(row.updatedAt) }));
}

export const listFeedReviews = readerQuery(queryFeedReviews, 'feed-reviews');
export const getSitemapData = readerQuery(querySitemapData, 'sitemap');
export const getSitemapCounts = readerQuery(querySitemapCounts, 'sitemap-counts');
export const getSitemapPart = readerQuery(querySitemapPart, 'sitemap-part');
