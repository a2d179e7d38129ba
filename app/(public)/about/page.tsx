import type { Metadata } from 'next';
import Link from 'next/link';
import { SITE_DESCRIPTION, SITE_NAME } from '@/lib/site';

// Prerendered at build time (no data, no request): the publication's name and description
// come from SITE_NAME and SITE_DESCRIPTION. It is also the benchmark's yardstick (npm run
// bench): the fastest page this server can serve.

export const dynamic = 'force-static';

export const metadata: Metadata = {
  title: 'About',
  description: SITE_DESCRIPTION,
  alternates: { canonical: '/about' },
};

export default function AboutPage() {
  return (
    <article className="about">
      <h1 className="page-title">About {SITE_NAME}</h1>
      <p className="dek">{SITE_DESCRIPTION}</p>
      <p>
        Every review covers the story, the cast and their performances, the direction and cinematic
        style, the themes, the critical reception and where to watch. Sections that give away the
        plot are marked and stay folded until you choose to open them.
      </p>
      <p>
        Start with the <Link href="/">latest reviews</Link>, or <Link href="/search">search</Link>{' '}
        for a title, a person or a theme. There is also an <a href="/feed.xml">RSS feed</a>.
      </p>
    </article>
  );
}
