import Link from 'next/link';

/** Previous and next links between pages of a list; nothing when there is one page. */
export function Pagination({
  page,
  hasNext,
  href,
}: {
  page: number;
  hasNext: boolean;
  /** The address of page `n`. */
  href: (n: number) => string;
}) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 && (
        <Link href={href(page - 1)} rel="prev">
          ← Newer
        </Link>
      )}
      <span aria-current="page">Page {page}</span>
      {hasNext && (
        <Link href={href(page + 1)} rel="next">
          Older →
        </Link>
      )}
    </nav>
  );
}
