import Link from 'next/link';

/** What a reader sees at an address with no page. */
export function NotFoundMessage() {
  return (
    <div className="not-found">
      <h1 className="page-title">Page not found</h1>
      <p>There is no page at this address. It may have been moved, or the review unpublished.</p>
      <p>
        <Link href="/">Go to the latest reviews</Link>
      </p>
    </div>
  );
}
