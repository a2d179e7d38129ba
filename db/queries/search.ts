import 'server-only';
import { sql } from 'drizzle-orm';
import { readerQuery } from '../../lib/cache/reader-cache';
import type { WorkKind } from '../../lib/content/vocabulary';
import { toFtsQuery } from '../../lib/search/fts-query';
import { getDb } from '../client';

// Reader search over the FTS5 index of the published projection (review_search, kept in step
// by db/reviews/search-index.ts). It joins published_reviews only, never reviews or revisions,
// so a draft cannot be found; the index itself holds no spoiler section.

export const SEARCH_PAGE_SIZE = 20;
/** Deeper pages than this are not served: nobody reads them, and OFFSET costs grow. */
export const MAX_SEARCH_PAGE = 500;

/** A run of snippet text, highlighted when it is one of the words searched for. */
export type SnippetSegment = { text: string; match: boolean };

export type SearchResult = {
  slug: string;
  headline: string;
  workTitle: string;
  year: number | null;
  kind: WorkKind;
  rating: { value: number; scale: number } | null;
  /** ISO 8601: results are cached as JSON. */
  publishedAt: string;
  snippet: SnippetSegment[];
};

export type SearchResults = {
  results: SearchResult[];
  total: number;
  page: number;
  pageSize: number;
};

// FTS5 wraps each match in these (snippet()); they are split into segments here, so no HTML
// is ever built from text. The indexer strips control characters, so text cannot fake them.
const OPEN = '\u0002';
const CLOSE = '\u0003';
const ELLIPSIS = '…';
/** Words per snippet (FTS5 allows up to 64). */
const SNIPPET_TOKENS = 24;

// Column order in review_search: headline, work_title, dek, people, body. bm25 weights favour
// the headline and the work's title, then the people, the dek and the body.
const BM25 = sql.raw('bm25(review_search, 10.0, 8.0, 2.0, 4.0, 1.0)');
const snippetOf = (column: number) =>
  sql.raw(`snippet(review_search, ${column}, char(2), char(3), '${ELLIPSIS}', ${SNIPPET_TOKENS})`);

type Row = {
  slug: string;
  headline: string;
  workTitle: string;
  year: number | null;
  kind: WorkKind;
  ratingValue: number | null;
  ratingScale: number | null;
  publishedAt: number;
  bodySnippet: string | null;
  dekSnippet: string | null;
  peopleSnippet: string | null;
};

/** Splits FTS5's marked-up snippet into plain and highlighted runs. */
export function snippetSegments(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = '';
  };
  for (const char of marked) {
    if (char === OPEN || char === CLOSE) {
      flush();
      match = char === OPEN;
    } else text += char;
  }
  flush();
  return segments;
}

const highlights = (segments: SnippetSegment[]) => segments.filter((s) => s.match).length;

/** Headings, paragraphs and list items are indexed one a line; a snippet reads them as one. */
const joinLines = (segments: SnippetSegment[]) =>
  segments.map((s) => ({
    ...s,
    text: s.text.replace(/\s+/g, (run) => (run.includes('\n') ? ' · ' : run)),
  }));

/**
 * The snippet to show: the body's, the dek's or the people's, whichever highlights most words
 * (in that order on a tie); the start of the dek, or of the body, when only the headline or the
 * work's title matched (those are shown anyway).
 */
function chooseSnippet(row: Row): SnippetSegment[] {
  const candidates = [row.bodySnippet, row.dekSnippet, row.peopleSnippet].map((marked) =>
    joinLines(snippetSegments(marked ?? '')),
  );
  let best: SnippetSegment[] = [];
  for (const candidate of candidates)
    if (highlights(candidate) > highlights(best)) best = candidate;
  if (best.length > 0) return best;
  return candidates[1]!.length > 0 ? candidates[1]! : candidates[0]!;
}

async function querySearch(match: string, page: number): Promise<SearchResults> {
  const db = getDb();
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  try {
    const [counted] = await db.all<{ n: number }>(sql`
      select count(*) as n
      from review_search
      join published_reviews p on p.review_id = review_search.rowid
      where review_search match ${match}`);
    const total = counted?.n ?? 0;
    if (total === 0 || offset >= total)
      return { results: [], total, page, pageSize: SEARCH_PAGE_SIZE };
    const rows = await db.all<Row>(sql`
      select p.slug, p.headline, p.work_title as workTitle, p.year, p.kind,
        p.rating_value as ratingValue, p.rating_scale as ratingScale,
        p.published_at as publishedAt,
        ${snippetOf(4)} as bodySnippet,
        ${snippetOf(2)} as dekSnippet,
        ${snippetOf(3)} as peopleSnippet
      from review_search
      join published_reviews p on p.review_id = review_search.rowid
      where review_search match ${match}
      order by ${BM25}, p.published_at desc, p.review_id desc
      limit ${SEARCH_PAGE_SIZE} offset ${offset}`);
    return {
      results: rows.map((row) => ({
        slug: row.slug,
        headline: row.headline,
        workTitle: row.workTitle,
        year: row.year,
        kind: row.kind,
        rating:
          row.ratingValue !== null && row.ratingScale !== null
            ? { value: row.ratingValue, scale: row.ratingScale }
            : null,
        publishedAt: new Date(row.publishedAt).toISOString(),
        snippet: chooseSnippet(row),
      })),
      total,
      page,
      pageSize: SEARCH_PAGE_SIZE,
    };
  } catch (error) {
    // toFtsQuery only produces quoted words, so FTS5 should never refuse one; if it ever does,
    // the reader gets "no results", not an error page.
    if (error instanceof Error && /fts5/i.test(error.message)) {
      console.error(`Search query refused by FTS5 (${match}):`, error.message);
      return { results: [], total: 0, page, pageSize: SEARCH_PAGE_SIZE };
    }
    throw error;
  }
}

/** Cached per normalized query and page until published content changes. */
const cachedSearch = readerQuery(querySearch, 'search');

/**
 * Published reviews matching what a reader typed, best first, 20 a page. Any input is safe:
 * one with no searchable words gives no results.
 */
export async function searchPublishedReviews(
  q: string,
  options: { page?: number } = {},
): Promise<SearchResults> {
  const requested = Math.trunc(options.page ?? 1);
  const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), MAX_SEARCH_PAGE) : 1;
  const query = toFtsQuery(q);
  if (!query) return { results: [], total: 0, page, pageSize: SEARCH_PAGE_SIZE };
  return cachedSearch(query.match, page);
}
