import { ReviewCard } from '@/components/review/review-card';
import { listPublishedReviews } from '@/db/queries/public-reviews';

// Rendered per request until the reader-site work moves these pages to tag-revalidated caching.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const reviews = await listPublishedReviews({ limit: 20 });
  return (
    <>
      <h1 className="page-title">Latest reviews</h1>
      {reviews.length === 0 ? (
        <p>No reviews have been published yet.</p>
      ) : (
        <ol className="review-list">
          {reviews.map((review) => (
            <li key={review.slug}>
              <ReviewCard review={review} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
