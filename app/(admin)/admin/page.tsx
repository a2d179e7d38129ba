import Link from 'next/link';
import { listReviewsForStaff } from '@/db/queries/admin-reviews';
import { guardPage } from '@/lib/auth/page-guard';
import { formatDate, isoDate } from '@/lib/format';

export const metadata = { title: 'Reviews' };

const STATUS_LABELS = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Archived',
} as const;

export default async function AdminHomePage() {
  // Layout and page render in parallel: the page guards itself too, so a signed-out visitor is
  // redirected rather than meeting the data layer's refusal.
  await guardPage('admin:access');
  const reviews = await listReviewsForStaff();
  return (
    <>
      <h1>Reviews</h1>
      {reviews.length === 0 ? (
        <p>No reviews yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Author</th>
              <th scope="col">Last update</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((review) => (
              <tr key={review.id}>
                <td>{review.title}</td>
                <td>
                  <span className={`status status-${review.status}`}>
                    {STATUS_LABELS[review.status]}
                  </span>
                </td>
                <td>{review.authorName ?? '—'}</td>
                <td>
                  <time dateTime={isoDate(review.updatedAt)}>{formatDate(review.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Published reviews can be read on the <Link href="/">public site</Link>.
      </p>
    </>
  );
}
