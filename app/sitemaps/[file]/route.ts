import { getSitemapCounts, getSitemapPart } from '@/db/queries/public-feed';
import { READER_CACHE_CONTROL } from '@/lib/cache/reader-cache';
import {
  buildSitemapXml,
  listEntries,
  pageEntries,
  parseSitemapFile,
  sitemapFiles,
} from '@/lib/seo/sitemap';
import { siteUrl } from '@/lib/site';

// A large site's sitemap files, listed by the sitemap index at /sitemap.xml: pages.xml (home
// and /about), then reviews-<n>.xml, genres-<n>.xml and people-<n>.xml, SITEMAP_FILE_URLS each.
// Only the files the index names exist; anything else is a 404.
export const dynamic = 'force-dynamic';

const notFound = () => new Response('Not found', { status: 404 });

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const file = parseSitemapFile((await context.params).file);
  if (!file) return notFound();
  const plan = sitemapFiles(await getSitemapCounts());
  const name = file.kind === 'pages' ? 'pages.xml' : `${file.kind}-${file.part}.xml`;
  if (plan.single || !plan.files.includes(name)) return notFound();
  const site = siteUrl();
  const entries =
    file.kind === 'pages'
      ? // The home page changed with the most recently changed review: the first of reviews-1.
        pageEntries(site, (await getSitemapPart('reviews', 1))[0]?.updatedAt ?? null)
      : listEntries(site, file.kind, await getSitemapPart(file.kind, file.part));
  return new Response(buildSitemapXml(entries), {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': READER_CACHE_CONTROL,
    },
  });
}
