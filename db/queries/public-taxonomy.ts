import 'server-only';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
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
    // review_genres carries the review's published_at, so the newest come straight from the
    // (genre_id, published_at, review_id) index, however large the genre.
    .orderBy(desc(reviewGenres.publishedAt), desc(reviewGenres.reviewId))
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
    // The ordering columns are selected too: PostgreSQL orders a DISTINCT only by what it
    // selects. They are the same for every credit of a review, so each review is still one row.
    .selectDistinct({
      ...summaryColumns,
      reviewId: publishedReviews.reviewId,
      linkPublishedAt: credits.publishedAt,
      linkReviewId: credits.reviewId,
    })
    .from(credits)
    .innerJoin(publishedReviews, eq(publishedReviews.reviewId, credits.reviewId))
    .leftJoin(media, eq(media.id, publishedReviews.posterMediaId))
    .where(eq(credits.personId, person.id))
    // As on genre pages: from the (person_id, published_at, review_id) index.
    .orderBy(desc(credits.publishedAt), desc(credits.reviewId))
    .limit(TAXONOMY_PAGE_SIZE + 1)
    .offset((page - 1) * TAXONOMY_PAGE_SIZE);
  if (reviewRows.length === 0) return null;
  const shown = reviewRows.slice(0, TAXONOMY_PAGE_SIZE);
  // Every credit of the reviews shown (a few each, by review id), kept for this person here:
  // filtering by person in SQL would make SQLite read all of a prolific person's credits.
  const roleRows = (
    await db
      .select({
        reviewId: credits.reviewId,
        personId: credits.personId,
        role: credits.role,
        character: credits.character,
      })
      .from(credits)
      .where(
        inArray(
          credits.reviewId,
          shown.map((row) => row.reviewId),
        ),
      )
      .orderBy(asc(credits.position))
  ).filter((credit) => credit.personId === person.id);
  return {
    person: { name: person.name, slug: person.slug },
    credits: shown.map(({ reviewId, linkPublishedAt, linkReviewId, ...row }) => ({
      review: toSummary(row),
      roles: roleRows
        .filter((credit) => credit.reviewId === reviewId)
        .map(({ role, character }) => ({ role, character })),
    })),
    hasNext: reviewRows.length > TAXONOMY_PAGE_SIZE,
  };
}

/**
 * How many of the newest other reviews of each shared genre or person are weighed for "related
 * reviews": a bounded read per genre and per person (straight from their published_at
 * indexes), so the cost does not grow with the catalogue, while small catalogues still see
 * every candidate.
 */
export const RELATED_CANDIDATES = 100;

/**
 * Up to `limit` other published reviews sharing the most genres and people with this one,
 * newest first among equals, weighed among the newest RELATED_CANDIDATES of each shared genre
 * and person.
 */
async function queryRelatedReviews(slug: string, limit = 4): Promise<PublishedReviewSummary[]> {
  const db = getDb();
  const [self] = await db
    .select({ id: publishedReviews.reviewId })
    .from(publishedReviews)
    .where(eq(publishedReviews.slug, slug))
    .limit(1);
  if (!self) return [];
  const [myGenres, myCredits] = await Promise.all([
    db
      .select({ genreId: reviewGenres.genreId })
      .from(reviewGenres)
      .where(eq(reviewGenres.reviewId, self.id)),
    db.select({ personId: credits.personId }).from(credits).where(eq(credits.reviewId, self.id)),
  ]);
  // One point per genre link and per credit shared (a person who directed and wrote both
  // counts twice). The link tables belong to the published projection: every match is published.
  const pools = await Promise.all([
    ...myGenres.map(({ genreId }) =>
      db
        .select({ reviewId: reviewGenres.reviewId, publishedAt: reviewGenres.publishedAt })
        .from(reviewGenres)
        .where(and(eq(reviewGenres.genreId, genreId), ne(reviewGenres.reviewId, self.id)))
        .orderBy(desc(reviewGenres.publishedAt), desc(reviewGenres.reviewId))
        .limit(RELATED_CANDIDATES),
    ),
    ...myCredits.map(({ personId }) =>
      db
        .select({ reviewId: credits.reviewId, publishedAt: credits.publishedAt })
        .from(credits)
        .where(and(eq(credits.personId, personId), ne(credits.reviewId, self.id)))
        .orderBy(desc(credits.publishedAt), desc(credits.reviewId))
        .limit(RELATED_CANDIDATES),
    ),
  ]);
  const scores = new Map<number, { reviewId: number; score: number; publishedAt: number }>();
  for (const row of pools.flat()) {
    const entry = scores.get(row.reviewId);
    if (entry) entry.score++;
    else
      scores.set(row.reviewId, {
        reviewId: row.reviewId,
        score: 1,
        publishedAt: row.publishedAt.getTime(),
      });
  }
  const best = [...scores.values()]
    .sort((a, b) => b.score - a.score || b.publishedAt - a.publishedAt || b.reviewId - a.reviewId)
    .slice(0, limit);
  if (best.length === 0) return [];
  const rows = await db
    .select({ ...summaryColumns, reviewId: publishedReviews.reviewId })
    .from(publishedReviews)
    .leftJoin(media, eq(media.id, publishedReviews.posterMediaId))
    .where(
      inArray(
        publishedReviews.reviewId,
        best.map((row) => row.reviewId),
      ),
    );
  const byId = new Map(rows.map(({ reviewId, ...row }) => [reviewId, toSummary(row)]));
  return best.flatMap(({ reviewId }) => {
    const review = byId.get(reviewId);
    return review ? [review] : [];
  });
}

export const getGenrePage = readerQuery(queryGenrePage, 'genre-page');
export const getPersonPage = readerQuery(queryPersonPage, 'person-page');
export const listRelatedReviews = readerQuery(queryRelatedReviews, 'related-reviews');
