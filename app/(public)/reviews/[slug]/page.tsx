import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewFacts } from '@/components/review/review-facts';
import { ReviewSections } from '@/components/review/review-sections';
import { workLabel } from '@/components/review/work-label';
import { getPublishedReviewBySlug } from '@/db/queries/public-reviews';
import { formatDate, isoDate } from '@/lib/format';

// Rendered per request until the reader-site work moves these pages to tag-revalidated caching.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const review = await getPublishedReviewBySlug((await params).slug);
  if (!review) return { title: 'Review not found' };
  return { title: review.headline, description: review.dek };
}

export default async function ReviewPage({ params }: Props) {
  const review = await getPublishedReviewBySlug((await params).slug);
  if (!review) notFound();

  return (
    <article className="review">
      <header className="review-header">
        <p className="kicker">{workLabel(review)}</p>
        <h1>{review.headline}</h1>
        {review.dek && <p className="dek">{review.dek}</p>}
        <p className="meta">
          {review.authorName ? `By ${review.authorName} · ` : ''}
          Published{' '}
          <time dateTime={isoDate(review.publishedAt)}>{formatDate(review.publishedAt)}</time>
          {review.updatedAt.getTime() !== review.publishedAt.getTime() && (
            <>
              {' · Updated '}
              <time dateTime={isoDate(review.updatedAt)}>{formatDate(review.updatedAt)}</time>
            </>
          )}
        </p>
      </header>
      <ReviewFacts review={review} />
      <ReviewSections sections={review.sections} />
    </article>
  );
}
