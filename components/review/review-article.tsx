import type { PublishedReview, PublishedReviewSummary } from '@/lib/content/published-review';
import { withAnchors } from '@/lib/content/section-anchors';
import { formatDate, isoDate } from '@/lib/format';
import styles from './review-article.module.css';
import { ReviewList } from './review-card';
import { ReviewFacts } from './review-facts';
import { ReviewSections } from './review-sections';
import { StarRating } from './star-rating';
import { TableOfContents } from './table-of-contents';
import { workLabel } from './work-label';

/**
 * A review as readers see it; the public page and the staff preview both render this. A
 * preview has no dates yet and no links to genre and person pages, which may not exist.
 *
 * The order of the page is the order it is read in, on every screen: the headline, the
 * opening section, the facts box, the contents, the other sections. A wide screen shows the
 * facts box in a column of its own beside the text; a phone shows it where it comes, after the
 * opening text, so the review starts on the first screen. Nothing is moved by CSS order, so
 * the focus order follows what is seen.
 */
export function ReviewArticle({
  review,
  preview = false,
  related = [],
}: {
  review: PublishedReview;
  preview?: boolean;
  related?: PublishedReviewSummary[];
}) {
  const sections = withAnchors(review.sections);
  const [opening, ...rest] = sections;
  return (
    <article className={`review ${styles.review}`}>
      <header className="review-header">
        <p className="kicker">{workLabel(review)}</p>
        <h1>{review.headline}</h1>
        {review.dek && <p className="dek">{review.dek}</p>}
        {review.rating && <StarRating rating={review.rating} />}
        {preview ? (
          <p className="meta">
            {review.authorName ? `By ${review.authorName} · ` : ''}Not published yet
          </p>
        ) : (
          <p className="meta">
            {review.authorName ? `By ${review.authorName} · ` : ''}
            Published{' '}
            <time dateTime={isoDate(review.publishedAt)}>{formatDate(review.publishedAt)}</time>
            {review.updatedAt !== review.publishedAt && (
              <>
                {' · Updated '}
                <time dateTime={isoDate(review.updatedAt)}>{formatDate(review.updatedAt)}</time>
              </>
            )}
          </p>
        )}
      </header>
      {opening && <ReviewSections sections={[opening]} className={styles.opening} />}
      <ReviewFacts review={review} linked={!preview} />
      <TableOfContents sections={sections} />
      {rest.length > 0 && <ReviewSections sections={rest} />}
      {related.length > 0 && (
        <section className="related" aria-labelledby="related-heading">
          <h2 id="related-heading">Related reviews</h2>
          <ReviewList reviews={related} headingLevel={3} />
        </section>
      )}
    </article>
  );
}
