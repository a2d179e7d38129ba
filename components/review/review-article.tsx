import type { PublishedReview } from '@/db/queries/public-reviews';
import { formatDate, isoDate } from '@/lib/format';
import { ReviewFacts } from './review-facts';
import { ReviewSections } from './review-sections';
import { workLabel } from './work-label';

/** A review as readers see it; the public page and the staff preview both render this. */
export function ReviewArticle({
  review,
  showDates = true,
}: {
  review: PublishedReview;
  showDates?: boolean;
}) {
  return (
    <article className="review">
      <header className="review-header">
        <p className="kicker">{workLabel(review)}</p>
        <h1>{review.headline}</h1>
        {review.dek && <p className="dek">{review.dek}</p>}
        {showDates && (
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
      <ReviewFacts review={review} />
      <ReviewSections sections={review.sections} />
    </article>
  );
}
