import Link from 'next/link';

export default function Forbidden() {
  return (
    <main id="main" className="site-main not-found">
      <h1 className="page-title">You do not have access to this page</h1>
      <p>Your account’s role does not allow this. Ask an admin if you need access.</p>
      <p>
        <Link href="/admin">Back to the admin</Link>
      </p>
    </main>
  );
}
