import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import type {
  Poster,
  PublishedReview,
  PublishedReviewSummary,
} from '../../lib/content/published-review';
import type { WorkKind } from '../../lib/content/vocabulary';
import { readerQuery } from '../../lib/cache/reader-cache';
import { getDb } from '../client';
import {
  credits,
  genres,
  media,
  people,
  publishedReviews,
  reviewGenres,
  sections,
  slugRedirects,
  users,
} from '../schema';

// Reader-side queries. They read only the published projection (published_reviews and the
// tables hanging off it), so nothing here can return a draft, whoever calls it. The exported
// queries are cached until published content changes (lib/cache/reader-cache.ts).

export type { Poster, PublishedReview, PublishedReviewSummary };

/** The columns of a review card; select them with a left join on `media` for the poster. */
export const summaryColumns = {
  slug: publishedReviews.slug,
  headline: publishedReviews.headline,
  dek: publishedReviews.dek,
  workTitle: publishedReviews.workTitle,
  year: publishedReviews.year,
  kind: publishedReviews.kind,
  ratingValue: publishedReviews.ratingValue,
  ratingScale: publishedReviews.ratingScale,
  publishedAt: publishedReviews.publishedAt,
  posterId: media.id,
  posterWidth: media.width,
  posterHeight: media.height,
};

export function toSummary(row: {
  slug: string;
  headline: string;
  dek: string;
  workTitle: string;
  year: number | null;
  kind: WorkKind;
  ratingValue: number | null;
  ratingScale: number | null;
  publishedAt: Date;
  posterId: number | null;
  posterWidth: number | null;
  posterHeight: number | null;
}): PublishedReviewSummary {
  const { ratingValue, ratingScale, publishedAt, posterId, posterWidth, posterHeight, ...rest } =
    row;
  return {
    ...rest,
    publishedAt: publishedAt.toISOString(),
    poster:
      posterId !== null && posterWidth !== null && posterHeight !== null
        ? { id: posterId, width: posterWidth, height: posterHeight }
        : null,
    rating:
      ratingValue !== null && ratingScale !== null
        ? { value: ratingValue, scale: ratingScale }
        : null,
  };
}

/** A page of published reviews, newest first, and whether another page follows. */
async function queryPublishedReviews(options: {
  limit: number;
  offset?: number;
}): Promise<{ reviews: PublishedReviewSummary[]; hasNext: boolean }> {
  const rows = await getDb()
    .select(summaryColumns)
    .from(publishedReviews)
    .leftJoin(media, eq(media.id, publishedReviews.posterMediaId))
    .orderBy(desc(publishedReviews.publishedAt), desc(publishedReviews.reviewId))
    .limit(options.limit + 1)
    .offset(options.offset ?? 0);
  return {
    reviews: rows.slice(0, options.limit).map(toSummary),
    hasNext: rows.length > options.limit,
  };
}

/** A published review with its credits, genres and sections, or null when none has that slug. */
async function queryPublishedReviewBySlug(slug: string): Promise<PublishedReview | null> {
  const db = getDb();
  const [review] = await db
    .select({
      ...summaryColumns,
      reviewId: publishedReviews.reviewId,
      originalTitle: publishedReviews.originalTitle,
      countries: publishedReviews.countries,
      languages: publishedReviews.languages,
      runtimeMinutes: publishedReviews.runtimeMinutes,
      updatedAt: publishedReviews.updatedAt,
      authorName: users.name,
    })
    .from(publishedReviews)
    .leftJoin(users, eq(users.id, publishedReviews.authorId))
    .leftJoin(media, eq(media.id, publishedReviews.posterMediaId))
    .where(eq(publishedReviews.slug, slug))
    .limit(1);
  if (!review) return null;
  const { reviewId, ...fields } = review;

  const [sectionRows, creditRows, genreRows] = await Promise.all([
    db
      .select({
        id: sections.id,
        kind: sections.kind,
        heading: sections.heading,
        spoiler: sections.spoiler,
        body: sections.body,
      })
      .from(sections)
      .where(eq(sections.reviewId, reviewId))
      .orderBy(asc(sections.position)),
    db
      .select({
        name: people.name,
        slug: people.slug,
        role: credits.role,
        character: credits.character,
      })
      .from(credits)
      .innerJoin(people, eq(people.id, credits.personId))
      .where(eq(credits.reviewId, reviewId))
      .orderBy(asc(credits.position)),
    db
      .select({ name: genres.name, slug: genres.slug })
      .from(reviewGenres)
      .innerJoin(genres, eq(genres.id, reviewGenres.genreId))
      .where(eq(reviewGenres.reviewId, reviewId))
      .orderBy(asc(reviewGenres.position)),
  ]);

  return {
    ...toSummary(fields),
    originalTitle: fields.originalTitle,
    countries: fields.countries,
    languages: fields.languages,
    runtimeMinutes: fields.runtimeMinutes,
    updatedAt: fields.updatedAt.toISOString(),
    authorName: fields.authorName,
    genres: genreRows,
    credits: creditRows,
    sections: sectionRows.map((row) => ({ ...row, body: JSON.parse(row.body) as unknown })),
  };
}

/**
 * The current slug of a published review that used to live at `slug`, or null. Asked by the
 * review page when no review has that slug; the page (a redirect, then) is cached with it.
 */
export async function findRedirectedSlug(slug: string): Promise<string | null> {
  // One lookup in the slug_redirects primary key. (Not a prepared statement: their API differs
  // between the engines, and preparing saves little on a query this small.)
  const [row] = await getDb()
    .select({ slug: publishedReviews.slug })
    .from(slugRedirects)
    .innerJoin(publishedReviews, eq(publishedReviews.reviewId, slugRedirects.reviewId))
    .where(eq(slugRedirects.slug, slug))
    .limit(1);
  return row && row.slug !== slug ? row.slug : null;
}

export const listPublishedReviews = readerQuery(queryPublishedReviews, 'published-reviews');
export const getPublishedReviewBySlug = readerQuery(queryPublishedReviewBySlug, 'review-by-slug');

/** The size of a media item, for rendering it (a poster in a preview). Null when it is gone. */
export async function getPoster(id: number | null): Promise<Poster | null> {
  if (id === null) return null;
  const [row] = await getDb()
    .select({ id: media.id, width: media.width, height: media.height })
    .from(media)
    .where(eq(media.id, id))
    .limit(1);
  return row ?? null;
}
