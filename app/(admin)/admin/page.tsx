import Link from 'next/link';
import { SelectField, TextField } from '@/components/ui/field';
import { z } from 'zod';
import { listReviewsForStaff } from '@/db/queries/admin-reviews';
import { can } from '@/lib/auth/permissions';
import { guardPage } from '@/db/auth/page-guard';
import { REVIEW_STATUS_LABELS, REVIEW_STATUSES } from '@/lib/content/vocabulary';
import { formatDate, isoDate } from '@/lib/format';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const metadata = { title: 'Reviews' };

const filterSchema = z.object({
  status: z.enum(REVIEW_STATUSES).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
});

type Props = { searchParams: Promise<SearchParams> };

export default async function AdminHomePage({ searchParams }: Props) {
  // Layout and page render in parallel: the page guards itself too, so a signed-out visitor is
  // redirected rather than meeting the data layer's refusal.
  const user = await guardPage('admin:access');
  const raw = await searchParams;
  const filter = filterSchema.parse({ status: firstParam(raw, 'status'), q: firstParam(raw, 'q') });
  const reviews = await listReviewsForStaff({ status: filter.status, search: filter.q });
  return (
    <>
      <div className="page-heading">
        <h1>Reviews</h1>
        {can(user, 'review:create') && (
          <Link className="button" href="/admin/reviews/new">
            New review
          </Link>
        )}
      </div>
      <form method="get" className="filters" aria-label="Filter reviews">
        <TextField
          label="Search titles"
          name="q"
          id="filter-q"
          type="search"
          defaultValue={filter.q ?? ''}
        />
        <SelectField
          label="Status"
          name="status"
          id="filter-status"
          defaultValue={filter.status ?? ''}
        >
          <option value="">Any status</option>
          {REVIEW_STATUSES.map((status) => (
            <option key={status} value={status}>
              {REVIEW_STATUS_LABELS[status]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      {reviews.length === 0 ? (
        <p>No reviews match.</p>
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
                <td>
                  <Link href={`/admin/reviews/${review.id}`}>{review.title}</Link>
                </td>
                <td>
                  <span className={`status status-${review.status}`}>
                    {REVIEW_STATUS_LABELS[review.status]}
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
    </>
  );
}
