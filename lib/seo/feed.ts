import { Feed } from 'feed';
import { escapeXml, xmlSafe } from './text';

// The RSS 2.0 feed, written by the `feed` package. What goes into it:
// - title and author are plain text in CDATA sections; description is HTML (as RSS defines
//   it): the excerpt's paragraphs, each escaped, in <p> elements, so `<script>` in a review
//   reaches a feed reader as the text "<script>", never as markup;
// - the author is a Dublin Core <dc:creator> (RSS's own <author> must be an email address),
//   declaring its namespace itself so it does not depend on what else the item holds;
// - the guid is a tag: URI of the review's id, which survives a change of slug.
// Two gaps in the library are closed here: characters XML forbids are dropped, and "]]>" is
// broken up, because the XML writer it uses escapes only the first one in a CDATA section.

export type FeedReview = {
  reviewId: number;
  slug: string;
  headline: string;
  authorName: string | null;
  /** ISO 8601. */
  publishedAt: string;
  /** ISO 8601. */
  updatedAt: string;
  /** Plain-text paragraphs: the dek and the start of the first non-spoiler section. */
  excerpt: string[];
  genres: string[];
};

const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

/** Text for a CDATA section: XML-safe and with no "]]>" (a word joiner goes between). */
function cdataText(text: string): string {
  return xmlSafe(text).replaceAll(']]>', ']]\u2060>');
}

function tagUri(siteUrl: string, review: FeedReview): string {
  return `tag:${new URL(siteUrl).hostname},${review.publishedAt.slice(0, 10)}:review-${review.reviewId}`;
}

export function buildRssFeed(input: {
  /** The public origin, without a trailing slash. */
  siteUrl: string;
  siteName: string;
  description: string;
  reviews: readonly FeedReview[];
}): string {
  const { siteUrl, reviews } = input;
  const newest = reviews.reduce<string | null>(
    (latest, review) => (latest === null || review.updatedAt > latest ? review.updatedAt : latest),
    null,
  );
  const feed = new Feed({
    id: `${siteUrl}/`,
    link: `${siteUrl}/`,
    title: xmlSafe(input.siteName),
    description: xmlSafe(input.description),
    language: 'en',
    updated: newest ? new Date(newest) : new Date(),
    feedLinks: { rss: `${siteUrl}/feed.xml` },
    generator: false,
  });

  for (const review of reviews) {
    const author = review.authorName?.trim() || input.siteName;
    feed.addItem({
      title: cdataText(review.headline),
      link: `${siteUrl}/reviews/${encodeURIComponent(review.slug)}`,
      guid: tagUri(siteUrl, review),
      date: new Date(review.updatedAt),
      // RSS has one date, pubDate: the first publication.
      published: new Date(review.publishedAt),
      description: review.excerpt.map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join(''),
      category: review.genres.map((name) => ({ name: xmlSafe(name) })),
      extensions: [
        {
          name: 'dc:creator',
          objects: { _attributes: { 'xmlns:dc': DC_NAMESPACE }, _cdata: cdataText(author) },
        },
      ],
    });
  }
  return feed.rss2();
}
