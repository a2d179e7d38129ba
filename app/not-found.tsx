import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="site-main not-found">
      <h1 className="page-title">Page not found</h1>
      <p>There is no page at this address. It may have been moved, or the review unpublished.</p>
      <p>
        <Link href="/">Go to the latest reviews</Link>
      </p>
    </main>
  );
}
