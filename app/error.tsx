'use client';

import Link from 'next/link';

// Shown when rendering a page fails unexpectedly. It says what happened in plain words and
// offers a way on; the details stay in the server log (the digest links the two).
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="site-main not-found">
      <h1 className="page-title">Something went wrong</h1>
      <p>This page could not be shown just now. Nothing you saved is affected.</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{' '}
        or <Link href="/">go to the latest reviews</Link>.
      </p>
      {error.digest && <p className="meta">Reference: {error.digest}</p>}
    </main>
  );
}
