import { revalidateTag, unstable_cache } from 'next/cache';
import { purgeCdnInBackground } from './cdn-purge';
import { advanceReaderGeneration } from './reader-generation.mjs';

// The reader site is served from Next's cache: pages are rendered on their first request and
// kept until something readers can see changes. Every public query is cached under one tag,
// and every change to the published projection (publish, unpublish, archive, delete, a
// scheduled publication) expires that tag, which expires the pages built from it too. One
// tag is enough: publishing is rare next to reading, and a page is cheap to render once.
//
// Cached values go through JSON: public queries return dates as ISO strings, never Dates.

export const READER_TAG = 'published-reviews';

/** How long a CDN may keep a reader page (s-maxage) before asking again; tags act at once here. */
export const READER_PAGE_SECONDS = 300;

/** A public query, cached across requests until the published reviews change. */
export function readerQuery<Args extends unknown[], Result>(
  query: (...args: Args) => Promise<Result>,
  key: string,
): (...args: Args) => Promise<Result> {
  return unstable_cache(query, ['reader', key], { tags: [READER_TAG] });
}

/**
 * Expires every cached reader page and query at once (not stale-while-revalidate): the next
 * reader gets the change. Call it after the transaction that changed published content, with
 * the paths it changed that the caller knows (a review's page); a CDN purge hook, when set up,
 * is told the tag and those paths (lib/cache/cdn-purge.ts).
 */
export function revalidateReaderPages(paths: string[] = []): void {
  revalidateTag(READER_TAG, { expire: 0 });
  // server.mjs's page cache stops serving what it holds (and does so again when this request
  // ends, once Next has applied the expiry: lib/net/page-cache.mjs).
  advanceReaderGeneration();
  purgeCdnInBackground({ tag: READER_TAG, paths });
}

/** The Cache-Control of reader responses a handler builds itself (feeds, sitemaps, search). */
export const READER_CACHE_CONTROL = `public, s-maxage=${READER_PAGE_SECONDS}, stale-while-revalidate=86400`;
