import { getSitemapCounts, getSitemapData } from '@/db/queries/public-feed';
import { READER_CACHE_CONTROL } from '@/lib/cache/reader-cache';
import {
  buildSitemapIndexXml,
  buildSitemapXml,
  sitemapEntries,
  sitemapFiles,
} from '@/lib/seo/sitemap';
import { siteUrl } from '@/lib/site';

// The sitemap: the home page, /about, every published review and the genre and people pages
// that have one. A route handler rather than app/sitemap.ts, which Next.js would prerender at
// build time, before there is a database or a SITE_URL. While it all fits in one file
// (SITEMAP_FILE_URLS) this is that file; a larger site gets a sitemap index here, pointing at
// /sitemaps/<kind>-<n>.xml (app/sitemaps/[file]/route.ts).
export const dynamic = 'force-dynamic';

function xml(body: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': READER_CACHE_CONTROL,
    },
  });
}

export async function GET() {
  const site = siteUrl();
  const plan = sitemapFiles(await getSitemapCounts());
  if (plan.single) return xml(buildSitemapXml(sitemapEntries(site, await getSitemapData())));
  return xml(buildSitemapIndexXml(plan.files.map((file) => `${site}/sitemaps/${file}`)));
}
