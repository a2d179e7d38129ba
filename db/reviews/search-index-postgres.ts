import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as pg from '../schema-postgres';
import { buildSearchDocument, type SearchDocument } from './search-index';

// The PostgreSQL reader search index (`review_search`, drizzle/postgres/0002_review_search.sql):
// one row per published review with the same text columns as the SQLite FTS5 row, built by the
// same pure builder (buildSearchDocument) from the published projection, plus `document`, their
// weighted tsvector. Weights follow the bm25 weights of db/queries/search.ts (headline 10,
// work title 8, people 4, dek 2, body 1) in PostgreSQL's four classes, keeping their order:
// headline and work title A, people B, dek C, body D. The configuration, `simple_unaccent`
// (drizzle/postgres/0003_search_extensions.sql), is `simple` with `unaccent` in front: no
// stemming, as FTS5's unicode61 tokenizer does none, and accents folded, as remove_diacritics.
//
// The same code writes one review's row inside the publishing transaction (indexPublishedReview
// in ./search-index.ts) and rebuilds the whole index for db:copy (rebuildSearchIndexPostgres).

export type PgDb = NodePgDatabase<typeof pg>;

/** The text search configuration of the index, its queries and its snippets. */
export const SEARCH_CONFIGURATION = sql.raw(`'simple_unaccent'`);

/** The weighted tsvector of a search row, from SQL expressions for its five text columns. */
export function searchVector(columns: Record<keyof SearchDocument, SQL>): SQL {
  const part = (value: SQL, weight: 'A' | 'B' | 'C' | 'D') =>
    sql`setweight(to_tsvector(${SEARCH_CONFIGURATION}, ${value}), ${sql.raw(`'${weight}'`)})`;
  return sql.join(
    [
      part(columns.headline, 'A'),
      part(columns.workTitle, 'A'),
      part(columns.people, 'B'),
      part(columns.dek, 'C'),
      part(columns.body, 'D'),
    ],
    sql` || `,
  );
}

/** A word to search for: the whole word, or (prefix) any word that starts with it. */
export type SearchWord = { term: string; prefix: boolean };

/**
 * The tsquery of words, all of them (`&&`) or any (`||`). What a user typed never reaches
 * tsquery syntax: each word goes through plainto_tsquery, which has none (and folds case and
 * accents with the index's configuration); a prefix word gets `:*` after plainto_tsquery's own,
 * quoted, rendering of it. A word with nothing searchable in it (for the parser) adds nothing.
 */
export function wordsQuery(words: readonly SearchWord[], combine: 'all' | 'any'): SQL {
  const queries = words.map(({ term, prefix }) => {
    const plain = sql`plainto_tsquery(${SEARCH_CONFIGURATION}, ${term})`;
    return prefix ? sql`coalesce(nullif(${plain}::text, '') || ':*', '')::tsquery` : plain;
  });
  return sql`(${sql.join(queries, combine === 'all' ? sql` && ` : sql` || `)})`;
}

/** The search rows of these published reviews, read from the projection (unpublished ids: none). */
async function searchDocuments(db: PgDb, ids: number[]): Promise<Map<number, SearchDocument>> {
  const reviews = await db
    .select({
      id: pg.publishedReviews.reviewId,
      headline: pg.publishedReviews.headline,
      workTitle: pg.publishedReviews.workTitle,
      originalTitle: pg.publishedReviews.originalTitle,
      dek: pg.publishedReviews.dek,
    })
    .from(pg.publishedReviews)
    .where(inArray(pg.publishedReviews.reviewId, ids))
    // Until the transaction ends, none of these reviews can leave the projection (an unpublish
    // committing in between would make the row's foreign key fail).
    .for('key share');
  const cast = await db
    .select({ id: pg.credits.reviewId, name: pg.people.name, character: pg.credits.character })
    .from(pg.credits)
    .innerJoin(pg.people, eq(pg.people.id, pg.credits.personId))
    .where(inArray(pg.credits.reviewId, ids))
    .orderBy(asc(pg.credits.reviewId), asc(pg.credits.position));
  // Spoiler sections are never indexed: their words can neither be found nor shown in a snippet.
  const visible = await db
    .select({ id: pg.sections.reviewId, heading: pg.sections.heading, body: pg.sections.body })
    .from(pg.sections)
    .where(and(inArray(pg.sections.reviewId, ids), eq(pg.sections.spoiler, false)))
    .orderBy(asc(pg.sections.reviewId), asc(pg.sections.position));
  const castOf = groupById(cast);
  const sectionsOf = groupById(visible);
  const documents = new Map<number, SearchDocument>();
  for (const review of reviews) {
    documents.set(
      review.id,
      buildSearchDocument(review, castOf.get(review.id) ?? [], sectionsOf.get(review.id) ?? []),
    );
  }
  return documents;
}

/** Rows grouped by review, keeping their order. */
function groupById<T extends { id: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.id);
    if (group) group.push(row);
    else groups.set(row.id, [row]);
  }
  return groups;
}

/**
 * Rewrites the search rows of these reviews from their published projection, removing the rows
 * of those no longer published. Runs in the caller's transaction when given one: publishing
 * passes its own, with the one review it publishes.
 */
export async function indexPublishedReviewsPostgres(db: PgDb, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const documents = await searchDocuments(db, ids);
  await db.execute(sql`delete from review_search where review_id in (${sql.join(ids, sql`, `)})`);
  if (documents.size === 0) return;
  const values = [...documents].map(
    ([id, doc]) =>
      sql`(${id}::integer, ${doc.headline}::text, ${doc.workTitle}::text, ${doc.dek}::text, ${doc.people}::text, ${doc.body}::text)`,
  );
  const v = (column: string) => sql.raw(`v.${column}`);
  // Another transaction indexing the same review at once (two instances starting together,
  // each backfilling) waits for this one, then overwrites the row instead of failing.
  await db.execute(sql`
    insert into review_search (review_id, headline, work_title, dek, people, body, document)
    select v.review_id, v.headline, v.work_title, v.dek, v.people, v.body,
      ${searchVector({
        headline: v('headline'),
        workTitle: v('work_title'),
        dek: v('dek'),
        people: v('people'),
        body: v('body'),
      })}
    from (values ${sql.join(values, sql`, `)}) as v (review_id, headline, work_title, dek, people, body)
    on conflict (review_id) do update set
      headline = excluded.headline, work_title = excluded.work_title, dek = excluded.dek,
      people = excluded.people, body = excluded.body, document = excluded.document`);
}

/** Reviews per batch when indexing many: each batch is a few statements, memory stays flat. */
const BATCH_SIZE = 500;

/**
 * Indexes every published review that has no search row (the backfill of indexMissingReviews),
 * in the caller's transaction. Returns how many reviews it indexed.
 */
export async function indexMissingReviewsPostgres(db: PgDb): Promise<number> {
  const { rows } = await db.execute<{ id: number }>(
    // NOT EXISTS, an anti-join; NOT IN (subquery) becomes a scan of the subquery per row once
    // it outgrows work_mem (106 s at 100,000 reviews).
    sql`select p.review_id as id from published_reviews p
        where not exists (select 1 from review_search s where s.review_id = p.review_id)
        order by p.review_id`,
  );
  const missing = rows.map((row) => row.id);
  for (let i = 0; i < missing.length; i += BATCH_SIZE) {
    await indexPublishedReviewsPostgres(db, missing.slice(i, i + BATCH_SIZE));
  }
  return missing.length;
}

/**
 * Indexes every published review, a batch of reviews at a time (each batch its own statements,
 * so memory stays flat on a large site). Returns how many rows the index holds afterwards.
 */
export async function rebuildSearchIndexPostgres(
  db: PgDb,
  {
    batchSize = BATCH_SIZE,
    onProgress,
  }: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<number> {
  let last = 0;
  let done = 0;
  for (;;) {
    const ids = (
      await db
        .select({ id: pg.publishedReviews.reviewId })
        .from(pg.publishedReviews)
        .where(gt(pg.publishedReviews.reviewId, last))
        .orderBy(asc(pg.publishedReviews.reviewId))
        .limit(batchSize)
    ).map((row) => row.id);
    if (ids.length === 0) break;
    await indexPublishedReviewsPostgres(db, ids);
    done += ids.length;
    last = ids.at(-1)!;
    onProgress?.(done);
  }
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from review_search`,
  );
  return rows[0]!.n;
}
