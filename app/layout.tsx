import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SITE_NAME, siteUrl } from '@/lib/site';
import './globals.css';

// A function, not a constant, so SITE_URL is read when a page is rendered (at run time for
// every page built from the database), not fixed at build time. metadataBase turns the
// relative URLs pages give (canonical, Open Graph images) into absolute ones; a SITE_URL that
// is not a URL leaves it unset (Next.js then warns) rather than failing every page.
export function generateMetadata(): Metadata {
  return {
    metadataBase: URL.canParse(siteUrl()) ? new URL(siteUrl()) : null,
    title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
    description: 'Film and television reviews.',
  };
}

// Reader pages are static and cached; staff pages are rendered per request because they read
// the session (and carry the CSP nonce proxy.ts sets for them).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
