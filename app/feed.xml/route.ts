import { listFeedReviews } from '@/db/queries/public-feed';
import { READER_CACHE_CONTROL } from '@/lib/cache/reader-cache';
import { buildRssFeed } from '@/lib/seo/feed';
import { SITE_NAME, siteUrl } from '@/lib/site';

// RSS 2.0 of the latest published reviews. Rendered per request (there is no database at build
// time, and SITE_URL is only known at run time) from a cached query that publishing expires,
// and cacheable by a CDN for a few minutes.
export const dynamic = 'force-dynamic';

export async function GET() {
  const xml = buildRssFeed({
    siteUrl: siteUrl(),
    siteName: SITE_NAME,
    description: `The latest film and television reviews from ${SITE_NAME}.`,
    reviews: await listFeedReviews(),
  });
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/rss+xml; charset=utf-8',
      'Cache-Control': READER_CACHE_CONTROL,
    },
  });
}
