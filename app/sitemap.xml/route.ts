import { getSitemapData } from '@/db/queries/public-feed';
import { READER_CACHE_CONTROL } from '@/lib/cache/reader-cache';
import { buildSitemapXml, sitemapEntries } from '@/lib/seo/sitemap';
import { siteUrl } from '@/lib/site';

// The sitemap: the home page, /about, every published review and the genre and people pages
// that have one. A route handler rather than app/sitemap.ts, which Next.js would prerender at
// build time, before there is a database or a SITE_URL.
export const dynamic = 'force-dynamic';

export async function GET() {
  const xml = buildSitemapXml(sitemapEntries(siteUrl(), await getSitemapData()));
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': READER_CACHE_CONTROL,
    },
  });
}
