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

/**
 * The most URLs one of our sitemap files lists. A site with more is described by a sitemap
 * index (/sitemap.xml) pointing at files of this size (/sitemaps/<kind>-<n>.xml): each one's
 * rows stay well under Next's 2 MB limit for a cached value, so every file is read from the
 * database once per publish, and no file is ever cut short at SITEMAP_URL_LIMIT.
 */
export const SITEMAP_FILE_URLS = 10_000;

/** The lists of a large site's sitemap, each split into files of SITEMAP_FILE_URLS. */
export const SITEMAP_KINDS = ['reviews', 'genres', 'people'] as const;
export type SitemapKind = (typeof SITEMAP_KINDS)[number];

/** How many reviews, genres and people (with a published review) the sitemap lists. */
export type SitemapCounts = Record<SitemapKind, number>;

/**
 * One sitemap file while everything fits in one (home, /about and every list), otherwise the
 * index's files: pages.xml (home and /about), then each list's parts, newest reviews first.
 */
export function sitemapFiles(
  counts: SitemapCounts,
  size: number = SITEMAP_FILE_URLS,
): { single: true } | { single: false; files: string[] } {
  if (2 + counts.reviews + counts.genres + counts.people <= size) return { single: true };
  const files = ['pages.xml'];
  for (const kind of SITEMAP_KINDS)
    for (let part = 1; part <= Math.ceil(counts[kind] / size); part++)
      files.push(`${kind}-${part}.xml`);
  return { single: false, files };
}

/** A sitemap file's name as the index gives it, or null when it is not one. */
export function parseSitemapFile(
  name: string,
): { kind: 'pages' } | { kind: SitemapKind; part: number } | null {
  if (name === 'pages.xml') return { kind: 'pages' };
  const match = /^(reviews|genres|people)-([1-9]\d{0,5})\.xml$/.exec(name);
  return match ? { kind: match[1] as SitemapKind, part: Number(match[2]) } : null;
}

/** The home page and /about, as a large site's pages.xml lists them. */
export function pageEntries(siteUrl: string, newest: string | null): SitemapEntry[] {
  return [{ loc: `${siteUrl}/`, lastModified: newest }, { loc: `${siteUrl}/about` }];
}

/** One part of a list (reviews, genres or people pages). */
export function listEntries(
  siteUrl: string,
  kind: SitemapKind,
  rows: ReadonlyArray<{ slug: string; updatedAt: string }>,
): SitemapEntry[] {
  return rows.map((row) => ({
    loc: `${siteUrl}${sitePath(kind, row.slug)}`,
    lastModified: row.updatedAt,
  }));
}

/** A sitemap index (sitemaps.org) listing the given sitemap files. */
export function buildSitemapIndexXml(locs: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...locs.map((loc) => `<sitemap><loc>${escapeXml(loc)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

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
