import Link from 'next/link';
import type { ReactNode } from 'react';
import { SITE_NAME } from '@/lib/site';

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="site-name">
          {SITE_NAME}
        </Link>
      </header>
      <main id="main" className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{SITE_NAME}: reviews of film and television.</p>
      </footer>
    </>
  );
}
