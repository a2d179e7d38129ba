import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { readerQuery } from '../../lib/cache/reader-cache';
import type { CreditRole } from '../../lib/content/vocabulary';
import { getDb } from '../client';
import { credits, genres, media, people, publishedReviews, reviewGenres } from '../schema';
import { summaryColumns, toSummary, type PublishedReviewSummary } from './public-reviews';

// Reader pages for a genre, a person, and the reviews related to one review. Like every
// public query they join from published_reviews, so only published reviews are ever listed:
// a genre or a person known only from drafts has no page.

export const TAXONOMY_PAGE_SIZE = 24;

export type GenrePage = {
  genre: { name: string; slug: string };
  reviews: PublishedReviewSummary[];
  hasNext: boolean;
};

async function queryGenrePage(slug: string, page: number): Promise<GenrePage | null> {
  const db = getDb();
  const [genre] = await db
    .select({ id: genres.id, name: genres.name, slug: genres.slug })
    .from(genres)
    .where(eq(genres.slug, slug))
    .limit(1);
  if (!genre) return null;
  const rows = await db
    .select(summaryColumns)
    .from(reviewGenres)
    .innerJoin(publishedReviews, eq(publishedReviews.reviewId, reviewGenres.reviewId))
    .leftJoin(media, eq(media.id, publishedReviews.posterMediaId))
    .where(eq(reviewGenres.genreId, genre.id))
    .orderBy(desc(publishedReviews.publishedAt), desc(publishedReviews.reviewId))
    .limit(TAXONOMY_PAGE_SIZE + 1)
    .offset((page - 1) * TAXONOMY_PAGE_SIZE);
  if (rows.length === 0) return null;
  return {
    genre: { name: genre.name, slug: genre.slug },
    reviews: rows.slice(0, TAXONOMY_PAGE_SIZE).map(toSummary),
    hasNext: rows.length > TAXONOMY_PAGE_SIZE,
  };
}

export type PersonCredit = {
  review: PublishedReviewSummary;
  roles: Array<{ role: CreditRole; character: string | null }>;
};

export type PersonPage = {
  person: { name: string; slug: string };
  credits: PersonCredit[];
  hasNext: boolean;
};

async function queryPersonPage(slug: string, page: number): Promise<PersonPage | null> {
  const db = getDb();
  const [person] = await db
    .select({ id: people.id, name: people.name, slug: people.slug })
    .from(people)
    .where(eq(people.slug, slug))
    .limit(1);
  if (!person) return null;
  // A page of the reviews crediting this person, then every role they have in those.
  const reviewRows = await db
    .selectDistinct({ ...summaryColumns, reviewId: publishedReviews.reviewId })
    .from(credits)
    .innerJoin(publishedReviews, eq(publishedReviews.reviewId, credits.reviewId))
    .leftJoin(media, eq(media.id, publishedReviews.posterMediaId))
    .where(eq(credits.personId, person.id))
    .orderBy(desc(publishedReviews.publishedAt), desc(publishedReviews.reviewId))
    .limit(TAXONOMY_PAGE_SIZE + 1)
    .offset((page - 1) * TAXONOMY_PAGE_SIZE);
  if (reviewRows.length === 0) return null;
  const shown = reviewRows.slice(0, TAXONOMY_PAGE_SIZE);
  const roleRows = await db
    .select({ reviewId: credits.reviewId, role: credits.role, character: credits.character })
    .from(credits)
    .where(
      and(
        eq(credits.personId, person.id),
        inArray(
          credits.reviewId,
          shown.map((row) => row.reviewId),
        ),
      ),
    )
    .orderBy(asc(credits.position));
  return {
    person: { name: person.name, slug: person.slug },
    credits: shown.map(({ reviewId, ...row }) => ({
      review: toSummary(row),
      roles: roleRows
        .filter((credit) => credit.reviewId === reviewId)
        .map(({ role, character }) => ({ role, character })),
    })),
    hasNext: reviewRows.length > TAXONOMY_PAGE_SIZE,
  };
}

/**
 * Up to `limit` other published reviews sharing the most genres and people with this one,
 * newest first among equals.
 */
async function queryRelatedReviews(slug: string, limit = 4): Promise<PublishedReviewSummary[]> {
  const db = getDb();
  const [self] = await db
    .select({ id: publishedReviews.reviewId })
    .from(publishedReviews)
    .where(eq(publishedReviews.slug, slug))
    .limit(1);
  if (!self) return [];
  // Other reviews sharing a genre or a person with this one, by how many they share. The
  // credit and genre tables belong to the published projection, so every match is published.
  const scored = await db.all<{ reviewId: number; score: number }>(sql`
    select review_id as reviewId, count(*) as score from (
      select other.review_id from ${reviewGenres} as mine
        join ${reviewGenres} as other on other.genre_id = mine.genre_id
        where mine.review_id = ${self.id} and other.review_id <> ${self.id}
      union all
      select other.review_id from ${credits} as mine
        join ${credits} as other on other.person_id = mine.person_id
        where mine.review_id = ${self.id} and other.review_id <> ${self.id}
    ) group by review_id order by score desc limit 50`);
  if (scored.length === 0) return [];
  const rows = await db
    .select({ ...summaryColumns, reviewId: publishedReviews.reviewId })
    .from(publishedReviews)
    .leftJoin(media, eq(media.id, publishedReviews.posterMediaId))
    .where(
      inArray(
        publishedReviews.reviewId,
        scored.map((row) => row.reviewId),
      ),
    );
  const byId = new Map(rows.map(({ reviewId, ...row }) => [reviewId, toSummary(row)]));
  return scored
    .flatMap(({ reviewId, score }) => {
      const review = byId.get(reviewId);
      return review ? [{ review, score }] : [];
    })
    .sort((a, b) => b.score - a.score || b.review.publishedAt.localeCompare(a.review.publishedAt))
    .slice(0, limit)
    .map(({ review }) => review);
}

export const getGenrePage = readerQuery(queryGenrePage, 'genre-page');
export const getPersonPage = readerQuery(queryPersonPage, 'person-page');
export const listRelatedReviews = readerQuery(queryRelatedReviews, 'related-reviews');
