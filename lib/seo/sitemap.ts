import { escapeXml } from './text';

// /sitemap.xml and /robots.txt, written by hand: both formats are small, and every value that
// came from the database is escaped (path segments percent-encoded, then XML-escaped).

export type SitemapEntry = {
  /** Absolute URL. */
  loc: string;
  /** ISO 8601, when known. */
  lastModified?: string | null;
};

/** The most URLs one sitemap file may list (sitemaps.org). */
export const SITEMAP_URL_LIMIT = 50_000;

/** A site path from segments, each percent-encoded: `sitePath('reviews', slug)`. */
export function sitePath(...segments: string[]): string {
  return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/** What the sitemap lists besides the home page and /about; dates are ISO 8601. */
export type SitemapData = {
  reviews: Array<{ slug: string; updatedAt: string }>;
  /** Genres and people with at least one published review, with their newest change. */
  genres: Array<{ slug: string; updatedAt: string }>;
  people: Array<{ slug: string; updatedAt: string }>;
};

/** The home page, /about, then reviews (most recently changed first), genres and people. */
export function sitemapEntries(siteUrl: string, data: SitemapData): SitemapEntry[] {
  const newest = data.reviews[0]?.updatedAt ?? null;
  return [
    { loc: `${siteUrl}/`, lastModified: newest },
    { loc: `${siteUrl}/about` },
    ...data.reviews.map((review) => ({
      loc: `${siteUrl}${sitePath('reviews', review.slug)}`,
      lastModified: review.updatedAt,
    })),
    ...data.genres.map((genre) => ({
      loc: `${siteUrl}${sitePath('genres', genre.slug)}`,
      lastModified: genre.updatedAt,
    })),
    ...data.people.map((person) => ({
      loc: `${siteUrl}${sitePath('people', person.slug)}`,
      lastModified: person.updatedAt,
    })),
  ];
}

export function buildSitemapXml(entries: readonly SitemapEntry[]): string {
  const urls = entries.slice(0, SITEMAP_URL_LIMIT).map((entry) => {
    const lastmod = entry.lastModified ? `<lastmod>${escapeXml(entry.lastModified)}</lastmod>` : '';
    return `<url><loc>${escapeXml(entry.loc)}</loc>${lastmod}</url>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

export function buildRobotsTxt(siteUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin',
    'Disallow: /api',
    '',
    `Sitemap: ${siteUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
