import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { SITE_NAME } from '@/lib/site';
import './globals.css';

export const metadata: Metadata = {
  title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
  description: 'Film and television reviews.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page carries a per-request CSP nonce (proxy.ts), which only a page rendered for
  // that request can include; this opts the whole app into request-time rendering.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
