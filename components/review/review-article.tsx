import type { PublishedReview, PublishedReviewSummary } from '@/db/queries/public-reviews';
import { formatDate, isoDate } from '@/lib/format';
import { ReviewList } from './review-card';
import { ReviewFacts } from './review-facts';
import { ReviewSections } from './review-sections';
import { StarRating } from './star-rating';
import { TableOfContents } from './table-of-contents';
import { workLabel } from './work-label';

/**
 * A review as readers see it; the public page and the staff preview both render this. A
 * preview has no dates yet and no links to genre and person pages, which may not exist.
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
  return (
    <article className="review">
      <header className="review-header">
        <p className="kicker">{workLabel(review)}</p>
        <h1>{review.headline}</h1>
        {review.dek && <p className="dek">{review.dek}</p>}
        {review.rating && <StarRating rating={review.rating} />}
        {!preview && (
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
      <ReviewFacts review={review} linked={!preview} />
      <TableOfContents sections={review.sections} />
      <ReviewSections sections={review.sections} />
      {related.length > 0 && (
        <section className="related" aria-labelledby="related-heading">
          <h2 id="related-heading">Related reviews</h2>
          <ReviewList reviews={related} headingLevel={3} />
        </section>
      )}
    </article>
  );
}
