import Link from 'next/link';

// Shown with a 401 when a page calls unauthorized(). Next's own default page would otherwise
// be written into every page's payload (authInterrupts is on for forbidden()), styles and all.
export default function Unauthorized() {
  return (
    <main id="main" className="site-main not-found">
      <h1 className="page-title">Sign in to see this page</h1>
      <p>
        <Link href="/login">Sign in</Link>
      </p>
    </main>
  );
}
