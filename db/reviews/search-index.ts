import { and, asc, eq, sql } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { plainBlocks } from '../../lib/content/rich-text/plain-blocks';
import type { Db, Tx } from '../client';
import { engineOf } from '../engine/dialect';
import { credits, people, publishedReviews, sections } from '../schema';
import {
  indexMissingReviewsPostgres,
  indexPublishedReviewsPostgres,
  type PgDb,
} from './search-index-postgres';

// The reader search index (`review_search`, an FTS5 table created in drizzle/sqlite/0004_search.sql)
// holds one row per published review, rowid = review id, built from the published projection
// itself, so it says exactly what readers can see:
//   headline | work_title (title and original title) | dek | people (names and characters) |
//   body (headings and text of the sections that are NOT spoilers).
// Spoiler sections are left out entirely: their words can neither be found nor appear in a
// snippet. publishRevision rewrites the row in its transaction; a trigger on published_reviews
// deletes it whenever the review leaves the projection (unpublish, archive, delete).
//
// On PostgreSQL the same rows, with their tsvector, live in an ordinary table
// (drizzle/postgres/0002_review_search.sql) written by ./search-index-postgres.ts, which db:copy
// also rebuilds the index with; a foreign key with ON DELETE CASCADE stands in for the trigger.

/**
 * Snippets are cut with \u0002 and \u0003 around each match (db/queries/search.ts); control
 * characters never belong in indexed text, so an editor's text cannot fake a highlight.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function clean(text: string): string {
  return text.normalize('NFC').replace(CONTROL, ' ');
}

function sectionText(heading: string, body: string): string {
  let doc: JSONContent;
  try {
    doc = JSON.parse(body) as JSONContent;
  } catch {
    doc = {};
  }
  const blocks = plainBlocks(doc)
    .map((block) => block.text.trim())
    .filter((text) => text !== '');
  return [heading.trim(), ...blocks].filter((text) => text !== '').join('\n');
}

/** The index row of a published review, read from the projection; null when it is not published. */
async function searchDocument(tx: Tx, reviewId: number) {
  const [review] = await tx
    .select({
      headline: publishedReviews.headline,
      workTitle: publishedReviews.workTitle,
      originalTitle: publishedReviews.originalTitle,
      dek: publishedReviews.dek,
    })
    .from(publishedReviews)
    .where(eq(publishedReviews.reviewId, reviewId));
  if (!review) return null;
  const cast = await tx
    .select({ name: people.name, character: credits.character })
    .from(credits)
    .innerJoin(people, eq(people.id, credits.personId))
    .where(eq(credits.reviewId, reviewId))
    .orderBy(asc(credits.position));
  const visibleSections = await tx
    .select({ heading: sections.heading, body: sections.body })
    .from(sections)
    .where(and(eq(sections.reviewId, reviewId), eq(sections.spoiler, false)))
    .orderBy(asc(sections.position));
  return buildSearchDocument(review, cast, visibleSections);
}

export type SearchDocument = {
  headline: string;
  workTitle: string;
  dek: string;
  people: string;
  body: string;
};

/**
 * The index row from a published review's facts, its credits in order and its non-spoiler
 * sections in order (bodies as stored JSON). Pure, so the fixture generator builds exactly the
 * row publishing would (db/fixtures/bulk.ts).
 */
export function buildSearchDocument(
  review: { headline: string; workTitle: string; originalTitle: string | null; dek: string },
  cast: ReadonlyArray<{ name: string; character: string | null }>,
  visibleSections: ReadonlyArray<{ heading: string; body: string }>,
): SearchDocument {
  const names = [
    ...new Set(cast.map(({ name, character }) => (character ? `${name} (${character})` : name))),
  ];
  return {
    headline: clean(review.headline),
    workTitle: clean(
      [review.workTitle, review.originalTitle]
        .filter((title): title is string => !!title && title.trim() !== '')
        .join(' / '),
    ),
    dek: clean(review.dek),
    people: clean(names.join(', ')),
    body: clean(
      visibleSections.map((section) => sectionText(section.heading, section.body)).join('\n\n'),
    ),
  };
}

/**
 * Rewrites the search row of one review from its published projection (or removes it when the
 * review is not published). Runs inside the caller's transaction: publishRevision calls it after
 * writing the projection, so readers never see the index and the pages disagree.
 */
export async function indexPublishedReview(tx: Tx, reviewId: number): Promise<void> {
  if (engineOf(tx) === 'postgres') return indexPublishedReviewsPostgres(onPostgres(tx), [reviewId]);
  await tx.run(sql`delete from review_search where rowid = ${reviewId}`);
  const doc = await searchDocument(tx, reviewId);
  if (!doc) return;
  await tx.run(
    sql`insert into review_search (rowid, headline, work_title, dek, people, body)
        values (${reviewId}, ${doc.headline}, ${doc.workTitle}, ${doc.dek}, ${doc.people}, ${doc.body})`,
  );
}

/**
 * Indexes every published review that has no search row: the backfill for reviews published
 * before the index existed (drizzle/sqlite/0004_search.sql creates it empty). Cheap when nothing is
 * missing; run at start by prepareDatabase. Returns how many reviews it indexed.
 */
export async function indexMissingReviews(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    if (engineOf(tx) === 'postgres') return indexMissingReviewsPostgres(onPostgres(tx));
    const rows = await tx.all<{ id: number }>(
      sql`select review_id as id from published_reviews
            where review_id not in (select rowid from review_search)`,
    );
    const missing = rows.map((row) => row.id);
    for (const id of missing) await indexPublishedReview(tx, id);
    return missing.length;
  });
}

/**
 * The PostgreSQL database behind a `Db` (db/engine/types.ts: on PostgreSQL a node-postgres
 * Drizzle database over db/schema-postgres stands in), as ./search-index-postgres.ts types it.
 */
function onPostgres(db: Db): PgDb {
  return db as unknown as PgDb;
}
