import { READER_CACHE_CONTROL } from '@/lib/cache/reader-cache';
import { buildRobotsTxt } from '@/lib/seo/sitemap';
import { siteUrl } from '@/lib/site';

// robots.txt names the sitemap by its absolute URL, which depends on SITE_URL at run time, so
// this is a route handler rather than app/robots.ts (prerendered at build time).
export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(buildRobotsTxt(siteUrl()), {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': READER_CACHE_CONTROL,
    },
  });
}
