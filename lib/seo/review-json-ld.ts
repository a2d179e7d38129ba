import type { PublishedReview } from '../../db/queries/public-reviews';
import { reviewDescription } from './excerpt';
import { posterImage } from './poster';
import { truncateText } from './text';

// schema.org structured data for a review page: a Review of a Movie or TVSeries, built to
// Google's review-snippet requirements
// (https://developers.google.com/search/docs/appearance/structured-data/review-snippet):
// itemReviewed with a name, an author whose name is under 100 characters, and a reviewRating
// with ratingValue (and the scale's bounds) only when the review has a rating. The text comes
// from the same sources as the meta description, so it never includes a spoiler section.

export type JsonLdReview = Pick<
  PublishedReview,
  | 'slug'
  | 'headline'
  | 'dek'
  | 'workTitle'
  | 'originalTitle'
  | 'year'
  | 'kind'
  | 'rating'
  | 'publishedAt'
  | 'updatedAt'
  | 'authorName'
  | 'credits'
  | 'genres'
  | 'poster'
  | 'sections'
>;

type Thing = { '@type': string; [property: string]: unknown };

/** Google ignores an author name of 100 characters or more. */
const MAX_AUTHOR_NAME = 99;

function people(review: JsonLdReview, role: 'director' | 'cast'): Thing[] {
  const names = review.credits
    .filter((credit) => credit.role === role)
    .map((credit) => credit.name.trim())
    .filter((name) => name !== '');
  // An actor credited for two characters is still one person.
  return [...new Set(names)].map((name) => ({ '@type': 'Person', name }));
}

/** The Review object; `site.url` is the public origin without a trailing slash. */
export function buildReviewJsonLd(
  review: JsonLdReview,
  site: { url: string; name: string },
): Thing & { '@context': string } {
  const home = `${site.url}/`;
  const publisher: Thing = { '@type': 'Organization', name: site.name, url: home };

  const work: Thing = {
    '@type': review.kind === 'series' ? 'TVSeries' : 'Movie',
    name: review.workTitle.trim() || review.headline,
  };
  if (review.originalTitle && review.originalTitle !== review.workTitle) {
    work.alternateName = review.originalTitle;
  }
  if (review.year !== null) work.dateCreated = String(review.year);
  const directors = people(review, 'director');
  if (directors.length > 0) work.director = directors;
  const actors = people(review, 'cast');
  if (actors.length > 0) work.actor = actors;
  if (review.genres.length > 0) work.genre = review.genres.map((genre) => genre.name);
  if (review.poster) work.image = `${site.url}${posterImage(review.poster).url}`;

  const authorName = review.authorName?.trim();
  const author: Thing = authorName
    ? { '@type': 'Person', name: truncateText(authorName, MAX_AUTHOR_NAME) }
    : publisher;

  const data: Thing & { '@context': string } = {
    '@context': 'https://schema.org',
    '@type': 'Review',
    name: review.headline,
    headline: review.headline,
    url: `${site.url}/reviews/${review.slug}`,
    datePublished: review.publishedAt,
    dateModified: review.updatedAt,
    author,
    publisher,
    itemReviewed: work,
  };
  const description = reviewDescription(review);
  if (description) data.description = description;
  if (review.rating) {
    data.reviewRating = {
      '@type': 'Rating',
      ratingValue: review.rating.value,
      bestRating: review.rating.scale,
      worstRating: 0,
    };
  }
  return data;
}

/** Characters that could end or confuse the <script> element holding the JSON. */
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON for a `<script type="application/ld+json">` element. `<`, `>`, `&`, U+2028 and U+2029
 * become \u escapes, which JSON reads back as the same characters, so no text can close the
 * script element (`</script>`), open an HTML comment (`<!--`) or end a line in old parsers.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(
    SCRIPT_UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
