import Link from 'next/link';
import type { ReactNode } from 'react';
import { SiteSearch } from '@/components/search/site-search';
import { SITE_NAME } from '@/lib/site';
import './reader.css';

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-nav">
          <Link href="/" className="site-name">
            {SITE_NAME}
          </Link>
          <nav aria-label="Main">
            <ul>
              <li>
                <Link href="/">Latest</Link>
              </li>
              <li>
                <Link href="/about">About</Link>
              </li>
            </ul>
          </nav>
        </div>
        <SiteSearch />
      </header>
      <main id="main" className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{SITE_NAME}: reviews of film and television.</p>
        <ul className="footer-links">
          <li>
            <Link href="/about">About</Link>
          </li>
          <li>
            <a href="/feed.xml">RSS feed</a>
          </li>
          <li>
            <a href="/sitemap.xml">Sitemap</a>
          </li>
        </ul>
      </footer>
    </>
  );
}
