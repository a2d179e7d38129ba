import Link from 'next/link';
import type { PublishedReviewSummary } from '@/lib/content/published-review';
import { formatDate, isoDate } from '@/lib/format';
import { PosterPlaceholder } from './poster-placeholder';
import { StaticImage } from './static-image';
import { StarRating } from './star-rating';
import { workLabel } from './work-label';

/** A review in a list: poster, work, headline, rating, dek and date. */
export function ReviewCard({
  review,
  headingLevel = 2,
  children,
}: {
  review: PublishedReviewSummary;
  headingLevel?: 2 | 3;
  /** Extra lines under the card, such as a person's roles. */
  children?: React.ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="review-card">
      {review.poster ? (
        <StaticImage
          className="review-card-poster"
          src={`/media/${review.poster.id}`}
          width={review.poster.width}
          height={review.poster.height}
          alt=""
          sizes="8rem"
        />
      ) : (
        <PosterPlaceholder
          className="review-card-poster"
          title={review.workTitle}
          year={review.year}
        />
      )}
      <div className="review-card-text">
        <p className="kicker">{workLabel(review)}</p>
        <Heading>
          <Link href={`/reviews/${review.slug}`}>{review.headline}</Link>
        </Heading>
        {review.rating && <StarRating rating={review.rating} />}
        {review.dek && <p className="review-card-dek">{review.dek}</p>}
        {children}
        <p className="meta">
          <time dateTime={isoDate(review.publishedAt)}>{formatDate(review.publishedAt)}</time>
        </p>
      </div>
    </article>
  );
}

/** Cards in order, as a list. */
export function ReviewList({
  reviews,
  headingLevel,
}: {
  reviews: PublishedReviewSummary[];
  headingLevel?: 2 | 3;
}) {
  return (
    <ol className="review-list">
      {reviews.map((review) => (
        <li key={review.slug}>
          <ReviewCard review={review} headingLevel={headingLevel} />
        </li>
      ))}
    </ol>
  );
}
