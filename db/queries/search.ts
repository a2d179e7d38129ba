import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { readerQuery } from '../../lib/cache/reader-cache';
import type { WorkKind } from '../../lib/content/vocabulary';
import { toFtsQuery } from '../../lib/search/fts-query';
import { getDb, type Db } from '../client';
import { engineOf, rawRows } from '../engine/dialect';
import {
  SEARCH_CONFIGURATION,
  wordsQuery,
  type SearchWord,
} from '../reviews/search-index-postgres';

// Reader search over the FTS5 index of the published projection (review_search, kept in step
// by db/reviews/search-index.ts). It joins published_reviews only, never reviews or revisions,
// so a draft cannot be found; the index itself holds no spoiler section. On PostgreSQL the same
// rows carry a weighted tsvector (db/reviews/search-index-postgres.ts): see queryPostgres.

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
  /** Milliseconds since the epoch. */
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

function toResult(row: Row): SearchResult {
  return {
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
  };
}

async function querySearch(match: string, page: number): Promise<SearchResults> {
  const db = getDb();
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  if (engineOf(db) === 'postgres') return queryPostgres(db, match, page);
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
    return { results: rows.map(toResult), total, page, pageSize: SEARCH_PAGE_SIZE };
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

// PostgreSQL: the same search over review_search's `document` (GIN-indexed), from the same
// normalized query (toFtsQuery's MATCH expression, the cache key, read back into its words).
// Every word must match, the last one (and any cut to MAX_TERM_LENGTH) as a prefix, as FTS5
// reads the expression. Ranking is ts_rank_cd over the weight classes the bm25 weights became
// (headline and work title A, people B, dek C, body D: {D, C, B, A} = {0.1, 0.2, 0.4, 1.0},
// bm25's 1, 2, 4 and 10 for the four, with the work title's 8 rounded up into A) and
// normalized by the document's length (1 + log of its words), as bm25 weighs long documents
// down. Snippets come from ts_headline over the same indexed text, with the same marks and
// ellipses as FTS5's snippet().

/** ts_rank_cd's weights, in its order: D (body), C (dek), B (people), A (headline, work title). */
const RANK_WEIGHTS = sql.raw(`'{0.1, 0.2, 0.4, 1.0}'::float4[]`);
// The best passage of about SNIPPET_TOKENS words (the one with the most words searched for),
// short words kept at its edges as FTS5 keeps them.
const HEADLINE_OPTIONS = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=${SNIPPET_TOKENS}, MinWords=${SNIPPET_TOKENS - 1}, ShortWord=0`;

/** The words of a MATCH expression built by toFtsQuery: `"a" "b"*` is a, then b as a prefix. */
function matchWords(match: string): SearchWord[] {
  return match.split(' ').map((quoted) => {
    const prefix = quoted.endsWith('*');
    const term = (prefix ? quoted.slice(0, -1) : quoted).slice(1, -1).replaceAll('""', '"');
    return { term, prefix };
  });
}

/**
 * The snippet of one indexed column of the page's row: ts_headline's passage with its marks, and
 * an ellipsis on the side where the passage stops before the column's text does (as FTS5's
 * snippet() has it); anything but spaces and punctuation counts as text.
 */
function snippetSql(column: 'body' | 'dek' | 'people', words: SQL): SQL {
  const text = sql.raw(`page.${column}`);
  const more = (rest: SQL) =>
    sql`case when ${rest} ~ '[^[:space:][:punct:]]' then ${ELLIPSIS} else '' end`;
  return sql`(select case when marked.plain = '' then marked.h else
        ${more(sql`left(${text}, strpos(${text}, marked.plain) - 1)`)} || marked.h ||
        ${more(sql`substr(${text}, strpos(${text}, marked.plain) + length(marked.plain))`)}
      end
    from (select headline.h, translate(headline.h, ${OPEN + CLOSE}, '') as plain
      from (select ts_headline(${SEARCH_CONFIGURATION}, ${text}, ${words}, ${HEADLINE_OPTIONS}) as h) headline
    ) marked)`;
}

async function queryPostgres(db: Db, match: string, page: number): Promise<SearchResults> {
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  const words = matchWords(match);
  const query = wordsQuery(words, 'all');
  const [counted] = await rawRows<{ n: number }>(
    db,
    sql`select count(*)::int as n
      from review_search s
      join published_reviews p on p.review_id = s.review_id
      where s.document @@ ${query}`,
  );
  const total = counted?.n ?? 0;
  if (total === 0 || offset >= total)
    return { results: [], total, page, pageSize: SEARCH_PAGE_SIZE };
  // Each column's snippet highlights any of the words, as FTS5's does: they need not all be in it.
  const anyWord = wordsQuery(words, 'any');
  // Snippets are cut for the page's rows only, after ranking and paging.
  const rows = await rawRows<Row>(
    db,
    sql`select page.slug, page.headline, page."workTitle", page.year, page.kind,
        page."ratingValue", page."ratingScale", page."publishedAt",
        ${snippetSql('body', anyWord)} as "bodySnippet",
        ${snippetSql('dek', anyWord)} as "dekSnippet",
        ${snippetSql('people', anyWord)} as "peopleSnippet"
      from (
        select p.slug, p.headline, p.work_title as "workTitle", p.year, p.kind,
          p.rating_value as "ratingValue", p.rating_scale as "ratingScale",
          (extract(epoch from p.published_at) * 1000)::float8 as "publishedAt",
          p.review_id as id, s.body, s.dek, s.people,
          ts_rank_cd(${RANK_WEIGHTS}, s.document, ${query}, 1) as rank
        from review_search s
        join published_reviews p on p.review_id = s.review_id
        where s.document @@ ${query}
        order by rank desc, p.published_at desc, p.review_id desc
        limit ${SEARCH_PAGE_SIZE} offset ${offset}
      ) page
      order by page.rank desc, page."publishedAt" desc, page.id desc`,
  );
  return { results: rows.map(toResult), total, page, pageSize: SEARCH_PAGE_SIZE };
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
