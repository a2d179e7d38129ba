import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { readerQuery } from '../../lib/cache/reader-cache';
import { excerptParagraphs } from '../../lib/seo/excerpt';
import type { FeedReview } from '../../lib/seo/feed';
import type { SitemapData } from '../../lib/seo/sitemap';
import { getDb } from '../client';
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

/** The newest change of the published reviews joined in, as epoch milliseconds. */
const newestChange = sql<number>`max(${publishedReviews.updatedAt})`.mapWith(Number);

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The reviews, genres and people the sitemap lists, most recently changed reviews first. */
async function querySitemapData(): Promise<SitemapData> {
  const db = getDb();
  const [reviewRows, genreRows, personRows] = await Promise.all([
    db
      .select({ slug: publishedReviews.slug, updatedAt: publishedReviews.updatedAt })
      .from(publishedReviews)
      .orderBy(desc(publishedReviews.updatedAt), desc(publishedReviews.reviewId)),
    db
      .select({ slug: genres.slug, updatedAt: newestChange })
      .from(genres)
      .innerJoin(reviewGenres, eq(reviewGenres.genreId, genres.id))
      .innerJoin(publishedReviews, eq(publishedReviews.reviewId, reviewGenres.reviewId))
      .groupBy(genres.id)
      .orderBy(asc(genres.slug)),
    db
      .select({ slug: people.slug, updatedAt: newestChange })
      .from(people)
      .innerJoin(credits, eq(credits.personId, people.id))
      .innerJoin(publishedReviews, eq(publishedReviews.reviewId, credits.reviewId))
      .groupBy(people.id)
      .orderBy(asc(people.slug)),
  ]);
  return {
    reviews: reviewRows.map((row) => ({ slug: row.slug, updatedAt: row.updatedAt.toISOString() })),
    genres: genreRows.map((row) => ({ slug: row.slug, updatedAt: iso(row.updatedAt) })),
    people: personRows.map((row) => ({ slug: row.slug, updatedAt: iso(row.updatedAt) })),
  };
}

export const listFeedReviews = readerQuery(queryFeedReviews, 'feed-reviews');
export const getSitemapData = readerQuery(querySitemapData, 'sitemap');
