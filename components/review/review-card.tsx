import Link from 'next/link';
import type { PublishedReviewSummary } from '@/db/queries/public-reviews';
import { formatDate, isoDate } from '@/lib/format';
import { workLabel } from './work-label';

export function ReviewCard({ review }: { review: PublishedReviewSummary }) {
  return (
    <article className="review-card">
      <p className="kicker">{workLabel(review)}</p>
      <h2>
        <Link href={`/reviews/${review.slug}`}>{review.headline}</Link>
      </h2>
      <p className="review-card-dek">{review.dek}</p>
      <p className="meta">
        <time dateTime={isoDate(review.publishedAt)}>{formatDate(review.publishedAt)}</time>
      </p>
    </article>
  );
}
