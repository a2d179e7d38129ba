import 'server-only';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { can } from '../../lib/auth/permissions';
import type { ReviewStatus } from '../../lib/content/vocabulary';
import { requirePermission } from '../auth/current-user';
import { getDb } from '../client';
import { engineOf } from '../engine/dialect';
import { SEARCH_CONFIGURATION, wordsQuery } from '../reviews/search-index-postgres';
import { reviews, users } from '../schema';

export type StaffReviewRow = {
  id: number;
  title: string;
  status: ReviewStatus;
  authorName: string | null;
  updatedAt: Date;
};

export type StaffReviewFilter = { status?: ReviewStatus; search?: string };

/**
 * From this many matching titles on, the dashboard reads reviews newest first and keeps those
 * that match instead of sorting every match by date: with that many matches, the 200 it shows
 * come within about 200 × (reviews / matches) rows of the date index.
 */
export const MANY_TITLE_MATCHES = 5_000;

/**
 * Reviews whose headline or work title match a staff search, from the title indexes kept in
 * step with `reviews` by triggers (drizzle/sqlite/0006_admin_search.sql), never by reading every
 * review. Three characters or more are found anywhere in a title (trigrams: "scape" finds
 * "Escape"), as a literal string whatever it contains (`%`, `_`, quotes); one or two characters,
 * too short for trigrams, find titles with a word that starts with them ("up" finds "Up" and
 * "Upstream"). Case and accents are ignored either way.
 */
async function titleMatch(raw: string): Promise<SQL> {
  // FTS5 ends a quoted string at NUL ("unterminated string"): no control character is part of
  // any title, so they are dropped before the search is quoted.
  const search = raw.replace(/[\u0000-\u001f\u007f]/g, '');
  if (engineOf(getDb()) === 'postgres') return titleMatchPostgres(search);
  let index: SQL;
  let query: string;
  if ([...search].length >= 3) {
    index = sql.raw('review_title_trigrams');
    query = `"${search.replaceAll('"', '""')}"`;
  } else {
    const words = search.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return sql`0`;
    index = sql.raw('review_title_words');
    query = words.map((word) => `"${word}"*`).join(' ');
  }
  const matches = sql`(select rowid from ${index} where ${index} match ${query})`;
  // A common word ("the") matches most titles: then the ids are a filter on the newest-first
  // read (`+` keeps SQLite from looking the ids up one by one and sorting them all).
  const [counted] = await getDb().all<{ n: number }>(
    sql`select count(*) as n from (select rowid from ${index} where ${index} match ${query} limit ${MANY_TITLE_MATCHES})`,
  );
  return (counted?.n ?? 0) < MANY_TITLE_MATCHES
    ? sql`${reviews.id} in ${matches}`
    : sql`+${reviews.id} in ${matches}`;
}

/**
 * The same search on PostgreSQL, from the indexes of drizzle/postgres/0003_search_extensions.sql
 * (pg_trgm and a words tsvector over the same two titles, both with accents folded by unaccent):
 * three characters or more are found anywhere in either title with ILIKE '%…%', the search
 * taken literally (`%`, `_` and `\` escaped after folding, since unaccent turns a full-width
 * `％` into `%`); one or two characters find titles with a word starting with each of its words.
 * PostgreSQL's planner weighs the match count itself, so there is no MANY_TITLE_MATCHES count.
 */
function titleMatchPostgres(search: string): SQL {
  if ([...search].length >= 3) {
    const folded = sql`immutable_unaccent(${search})`;
    // LIKE's escape character is `\`: it goes first, then the two wildcards.
    const literal = sql`replace(replace(replace(${folded}, ${'\\'}, ${'\\\\'}), ${'%'}, ${'\\%'}), ${'_'}, ${'\\_'})`;
    const pattern = sql`'%' || ${literal} || '%'`;
    return sql`(immutable_unaccent(${reviews.headline}) ilike ${pattern} or immutable_unaccent(${reviews.workTitle}) ilike ${pattern})`;
  }
  const words = search.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return sql`false`;
  // The expression of reviews_title_words_idx, written the same way so the index serves it.
  const titles = sql`to_tsvector(${SEARCH_CONFIGURATION}, ${reviews.headline} || ' ' || ${reviews.workTitle})`;
  const query = wordsQuery(
    words.map((term) => ({ term, prefix: true })),
    'all',
  );
  return sql`${titles} @@ ${query}`;
}

/**
 * Reviews for the admin dashboard, newest first: all of them for editors and admins, their own
 * for writers; optionally one status, and a search in the headline and the work's title.
 */
export async function listReviewsForStaff(
  filter: StaffReviewFilter = {},
): Promise<StaffReviewRow[]> {
  const user = await requirePermission('admin:access');
  const seeAll = can(user, 'review:list-all');
  const conditions: SQL[] = [];
  if (!seeAll) conditions.push(eq(reviews.authorId, user.id));
  if (filter.status) conditions.push(eq(reviews.status, filter.status));
  const search = filter.search?.trim();
  if (search) conditions.push(await titleMatch(search));
  const rows = await getDb()
    .select({
      id: reviews.id,
      headline: reviews.headline,
      workTitle: reviews.workTitle,
      status: reviews.status,
      authorName: users.name,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.authorId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(reviews.updatedAt))
    .limit(200);
  return rows.map((row) => ({
    id: row.id,
    title: row.headline || row.workTitle || 'Untitled review',
    status: row.status,
    authorName: row.authorName,
    updatedAt: row.updatedAt,
  }));
}
