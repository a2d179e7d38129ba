import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { rawRows } from '../../db/engine/dialect';
import { postgresPoolOf } from '../../db/engine/postgres';
import { migrateDatabase } from '../../db/migrate';
import { listReviewsForStaff } from '../../db/queries/admin-reviews';
import { searchPublishedReviews } from '../../db/queries/search';
import { publishRevision } from '../../db/reviews/projection';
import { insertReview } from '../../db/reviews/write';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { doc, paragraph, textRun } from '../../lib/content/rich-text/build';
import { addSignedInUser } from '../support/staff';

// What only PostgreSQL's search does (drizzle/postgres/0003_search_extensions.sql): the index's
// documents are folded by unaccent, which folds more than FTS5's remove_diacritics, and the
// reader and staff searches are served by their GIN indexes. tests/db/search.test.ts and
// tests/search/title-search.test.ts hold what both engines do alike.
const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.9' })),
}));

const sample = buildSampleReview(readSampleArticle());

beforeAll(async () => {
  const db = getDb();
  await migrateDatabase(db);
  await db.transaction(async (tx) => {
    const now = new Date();
    const { revisionId } = await insertReview(tx, {
      content: {
        ...sample,
        slug: 'die-strasse',
        headline: 'Die Straße of Amélie',
        dek: '',
        work: { ...sample.work, title: 'Œuvre', originalTitle: null },
        credits: [],
        genres: [],
        posterMediaId: null,
        sections: [
          {
            id: randomUUID(),
            kind: 'plot',
            heading: 'Plot',
            spoiler: false,
            body: doc([paragraph(textRun('A street in Zürich.'))]),
          },
        ],
      },
      authorId: null,
      kind: 'create',
      now,
    });
    await publishRevision(tx, { revisionId, now });
  });
  const editor = await addSignedInUser('editor', 'pg-search@example.test');
  session.current = { sid: editor.sid };
});

/** The statements `run` sends to the pool, with their parameters. */
async function statementsOf(run: () => Promise<unknown>) {
  const pool = postgresPoolOf(getDb());
  const statements: Array<{ text: string; values: unknown[] }> = [];
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const spy = vi.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
    const [config, values] = args as [string | pg.QueryConfig, unknown[] | undefined];
    if (typeof config === 'string') statements.push({ text: config, values: values ?? [] });
    else statements.push({ text: config.text, values: values ?? config.values ?? [] });
    return query(...args);
  }) as never);
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return statements;
}

/** The indexes PostgreSQL would read for a statement when it may not read a table whole. */
async function indexesOf(statement: { text: string; values: unknown[] }): Promise<string[]> {
  const client = await postgresPoolOf(getDb()).connect();
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `explain ${statement.text}`,
      statement.values,
    );
    await client.query('rollback');
    return rows.flatMap((row) =>
      [...row['QUERY PLAN'].matchAll(/Index Scan on (\w+)/g)].map((m) => m[1]!),
    );
  } finally {
    client.release();
  }
}

describe('search on PostgreSQL', () => {
  it('indexes words with accents and ligatures folded (unaccent)', async () => {
    const [row] = await rawRows<{ document: string }>(
      getDb(),
      sql`select document::text as document from review_search
          join published_reviews using (review_id) where slug = 'die-strasse'`,
    );
    expect(row!.document).toContain("'strasse'");
    expect(row!.document).toContain("'amelie'");
    expect(row!.document).toContain("'oeuvre'");
    expect(row!.document).toContain("'zurich'");
    expect(row!.document).not.toMatch(/ß|é|œ|ü/);
    // More than SQLite's remove_diacritics, which leaves ß and œ alone.
    expect((await searchPublishedReviews('strasse oeuvre')).total).toBe(1);
    const found = await searchPublishedReviews('zurich');
    expect(found.results[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['Zürich']);
  });

  it('serves reader search from the GIN index of the documents', async () => {
    const statements = await statementsOf(() => searchPublishedReviews('amelie stras'));
    const searches = statements.filter((s) => s.text.includes('review_search'));
    expect(searches).toHaveLength(2);
    for (const statement of searches) {
      expect(await indexesOf(statement)).toContain('review_search_document_gin_idx');
    }
  });

  it('serves the staff title search from the trigram and the words indexes', async () => {
    for (const [search, index] of [
      ['strasse', 'reviews_title_trgm_idx'],
      ['Œuv', 'reviews_title_trgm_idx'],
      ['am', 'reviews_title_words_idx'],
    ] as const) {
      const statements = await statementsOf(async () => {
        expect((await listReviewsForStaff({ search })).map((r) => r.title)).toEqual([
          'Die Straße of Amélie',
        ]);
      });
      const listing = statements.filter((s) => s.text.includes('"reviews"."updated_at"'));
      expect(listing).toHaveLength(1);
      expect(await indexesOf(listing[0]!)).toContain(index);
    }
  });
});
