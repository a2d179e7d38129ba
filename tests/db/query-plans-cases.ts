import { expect } from 'vitest';
import { getDb } from '../../db/client';
import { query } from '../support/raw-sql';
import { addSignedInUser } from '../support/staff';

// What tests/db/query-plans.test.ts (SQLite) and tests/db/query-plans.postgres.test.ts check the
// plans of, on either engine: the fixture catalogue, the hot paths as the app runs them (each
// case calls the real data functions), which tables are large, and which index each check must
// miss when it is dropped. How a plan is read is each engine's own (EXPLAIN QUERY PLAN rows,
// PostgreSQL's EXPLAIN (FORMAT JSON) tree), so it stays in each test file.

/** The catalogue both engines check (db/fixtures): the same seed and "now", so the same rows. */
export const PLAN_FIXTURE = {
  reviews: 300,
  seed: 8,
  now: new Date('2026-01-15T12:00:00Z'),
} as const;

/** Tables that grow with the catalogue (the ones a full read of would grow with it). */
export const LARGE_TABLES = new Set([
  'reviews',
  'review_revisions',
  'published_reviews',
  'sections',
  'credits',
  'review_genres',
  'people',
  'audit_log',
  // One row per image a review shows, and the image library itself.
  'working_media',
  'published_media',
  'media',
]);

export type Statement = { sql: string; params: unknown[] };

export type Case = {
  run: () => Promise<unknown>;
  /**
   * `table:index` scans this query may do, each bounded by a LIMIT, or `table:*` for any index
   * of the table (say why, beside it). An index read end to end in its order is SQLite's
   * `SCAN <table> USING [COVERING] INDEX <index>`, PostgreSQL's index scan with no condition on
   * the index's first column.
   */
  bounded?: string[];
  /**
   * Rows must come in order from an index, in 'pages' (statements with a LIMIT: sorting every
   * matching row before taking a page would grow with them) or in 'all' statements.
   */
  sortedByIndex?: 'pages' | 'all';
};

/** The signed-in session next-auth's mocked getServerSession returns (each test file's own). */
export type SignedIn = { current: { sid: string } | null };

/** The fixture rows the cases read: picked once the catalogue is the database. */
export type PlanFixture = {
  slug: string;
  genre: string;
  person: string;
  reviewId: number;
  draftId: number;
  word: string;
  title: string;
};

/**
 * The cases, keyed by name, and `setUp`, which signs in an admin and a writer and picks the
 * fixture's rows from the database getDb() names (call it once the catalogue is there).
 */
export function queryPlanCases(session: SignedIn) {
  const who = {} as Record<'admin' | 'writer', { id: number; sid: string }>;
  let fixture: PlanFixture;
  const as = (role: 'admin' | 'writer') => (session.current = { sid: who[role].sid });

  const cases: Record<string, Case> = {
    'home page (first and a deeper page)': {
      run: async () => {
        const { listPublishedReviews } = await import('../../db/queries/public-reviews');
        await listPublishedReviews({ limit: 12 });
        await listPublishedReviews({ limit: 12, offset: 120 });
      },
      // Newest first straight from the index; stops after LIMIT + OFFSET rows.
      bounded: ['published_reviews:published_reviews_published_idx'],
      sortedByIndex: 'pages',
    },
    'review page by slug (facts, sections, credits, genres)': {
      run: async () => {
        const { getPublishedReviewBySlug } = await import('../../db/queries/public-reviews');
        expect(await getPublishedReviewBySlug(fixture.slug)).not.toBeNull();
      },
    },
    'old slug redirect (review page)': {
      run: async () => {
        const { findRedirectedSlug } = await import('../../db/queries/public-reviews');
        await findRedirectedSlug('no-such-old-slug');
      },
    },
    'genre page': {
      run: async () => {
        const { getGenrePage } = await import('../../db/queries/public-taxonomy');
        expect(await getGenrePage(fixture.genre, 1)).not.toBeNull();
        await getGenrePage(fixture.genre, 3);
      },
      sortedByIndex: 'pages',
    },
    'person page': {
      run: async () => {
        const { getPersonPage } = await import('../../db/queries/public-taxonomy');
        expect(await getPersonPage(fixture.person, 1)).not.toBeNull();
      },
      sortedByIndex: 'pages',
    },
    'related reviews': {
      run: async () => {
        const { listRelatedReviews } = await import('../../db/queries/public-taxonomy');
        expect((await listRelatedReviews(fixture.slug)).length).toBeGreaterThan(0);
      },
      sortedByIndex: 'pages',
    },
    // FTS5 on SQLite, the tsvector of review_search on PostgreSQL.
    'reader search': {
      run: async () => {
        const { searchPublishedReviews } = await import('../../db/queries/search');
        expect((await searchPublishedReviews(fixture.word)).total).toBeGreaterThan(0);
      },
    },
    feed: {
      run: async () => {
        const { listFeedReviews } = await import('../../db/queries/public-feed');
        expect((await listFeedReviews()).length).toBeGreaterThan(0);
      },
      // The 30 newest, straight from the index.
      bounded: ['published_reviews:published_reviews_published_idx'],
      sortedByIndex: 'pages',
    },
    'admin dashboard: the newest reviews': {
      run: async () => {
        const { listReviewsForStaff } = await import('../../db/queries/admin-reviews');
        as('admin');
        expect((await listReviewsForStaff()).length).toBeGreaterThan(0);
      },
      // The 200 most recently updated, straight from the index.
      bounded: ['reviews:reviews_updated_idx'],
    },
    'admin dashboard: one status': {
      run: async () => {
        const { listReviewsForStaff } = await import('../../db/queries/admin-reviews');
        as('admin');
        expect((await listReviewsForStaff({ status: 'draft' })).length).toBeGreaterThan(0);
        await listReviewsForStaff({ status: 'scheduled' });
      },
      sortedByIndex: 'pages',
    },
    'admin dashboard: a title search (with and without a status, as a writer)': {
      run: async () => {
        const { listReviewsForStaff } = await import('../../db/queries/admin-reviews');
        as('admin');
        expect((await listReviewsForStaff({ search: fixture.title })).length).toBeGreaterThan(0);
        expect((await listReviewsForStaff({ search: 'a' })).length).toBeGreaterThan(0);
        await listReviewsForStaff({ search: fixture.title, status: 'published' });
        await listReviewsForStaff({ search: 'the' });
        as('writer');
        await listReviewsForStaff({ search: fixture.title });
      },
      // The matches come from a title index (FTS5; pg_trgm and a words tsvector on PostgreSQL);
      // sorting them by date is bounded by how many match. On SQLite, from MANY_TITLE_MATCHES
      // matches on (only "the" on a 100,000-review fixture), the newest are read from the date
      // index instead, keeping the matches: 200 of them come within about
      // 200 × reviews / MANY_TITLE_MATCHES rows.
      bounded: ['reviews:reviews_updated_idx'],
    },
    "admin dashboard: a writer's own reviews": {
      run: async () => {
        const { listReviewsForStaff } = await import('../../db/queries/admin-reviews');
        as('writer');
        await listReviewsForStaff();
        await listReviewsForStaff({ status: 'draft' });
      },
      sortedByIndex: 'pages',
    },
    'audit log: the newest entries': {
      run: async () => {
        const { listAuditLog } = await import('../../db/queries/audit');
        as('admin');
        expect((await listAuditLog({ page: 1 })).entries.length).toBeGreaterThan(0);
        await listAuditLog({ page: 3 });
      },
      // A page of the newest entries, straight from the index: LIMIT 51 after OFFSET.
      bounded: ['audit_log:audit_log_created_idx'],
      sortedByIndex: 'pages',
    },
    'audit log: by action, by actor': {
      run: async () => {
        const { listAuditLog } = await import('../../db/queries/audit');
        as('admin');
        expect(
          (await listAuditLog({ page: 1, action: 'review.publish' })).entries.length,
        ).toBeGreaterThan(0);
        await listAuditLog({ page: 1, actorId: who.writer.id });
      },
      sortedByIndex: 'pages',
    },
    'revision history and comparing two versions': {
      run: async () => {
        const { getRevisionPair, listRevisions } = await import('../../db/reviews/history');
        as('admin');
        const history = await listRevisions(fixture.reviewId, { page: 1 });
        expect(history.totalRevisions).toBeGreaterThan(1);
        await getRevisionPair(fixture.reviewId, 1, history.review.version);
      },
    },
    'editor: open, save, presence': {
      run: async () => {
        const { getReviewForEditing } = await import('../../db/reviews/editing');
        const { saveReview } = await import('../../db/reviews/save');
        const { heartbeat, leave } = await import('../../db/reviews/presence');
        as('admin');
        const review = await getReviewForEditing(fixture.draftId);
        await saveReview(fixture.draftId, {
          baseVersion: review.version,
          kind: 'autosave',
          content: { ...review.content, dek: 'A new dek, saved by the query-plan test.' },
        });
        await heartbeat(fixture.draftId);
        await leave(fixture.draftId);
      },
    },
    'publishing (the projection and the search row)': {
      run: async () => {
        const { publishNow } = await import('../../db/reviews/workflow');
        as('admin');
        await publishNow(fixture.draftId);
      },
    },
    "scheduler's due query": {
      run: async () => {
        const { dueScheduledReviews } = await import('../../db/reviews/publishing');
        await dueScheduledReviews(getDb(), new Date());
      },
      // Run every 5 s: the due reviews come in order from the index.
      sortedByIndex: 'all',
    },
    'sitemap of a large site: the counts and each part': {
      run: async () => {
        const { getSitemapCounts, getSitemapPart } = await import('../../db/queries/public-feed');
        expect((await getSitemapCounts()).reviews).toBeGreaterThan(0);
        for (const kind of ['reviews', 'genres', 'people'] as const) {
          await getSitemapPart(kind, 1, 100);
          await getSitemapPart(kind, 2, 100);
        }
      },
      // The sitemap lists every published review, genre and person: reading them all is its
      // job. It does so a file (SITEMAP_FILE_URLS) at a time, each cached until the next
      // publish: the counts read one index of each table end to end, and a part reads its
      // LIMIT after its OFFSET in index order (reviews by date, genres and people by slug).
      bounded: [
        'published_reviews:*',
        'published_reviews:published_reviews_updated_idx',
        'genres:*',
        'people:*',
      ],
    },
    "editor's suggestions of people and genres": {
      run: async () => {
        const { listSuggestions } = await import('../../db/queries/taxonomy');
        as('admin');
        await listSuggestions();
      },
      // The first 5,000 names in order, straight from the index.
      bounded: ['people:people_name_idx'],
    },
  };

  async function setUp(): Promise<void> {
    const db = getDb();
    who.admin = await addSignedInUser('admin', 'plans-admin@example.test');
    who.writer = await addSignedInUser('writer', 'plans-writer@example.test');
    const one = async <T>(text: string) => (await query<T>(db, text))[0]!;
    const review = await one<{ id: number; slug: string }>(
      `select r.id, p.slug from reviews r join published_reviews p on p.review_id = r.id
       where r.version > 2 order by r.id limit 1`,
    );
    const draft = await one<{ id: number }>(
      "select id from reviews where status = 'draft' and headline <> '' order by id limit 1",
    );
    fixture = {
      slug: review.slug,
      reviewId: review.id,
      draftId: draft.id,
      genre: (
        await one<{ slug: string }>(
          `select g.slug from genres g join review_genres rg on rg.genre_id = g.id
           group by g.id, g.slug order by count(*) desc, g.id limit 1`,
        )
      ).slug,
      person: (
        await one<{ slug: string }>(
          `select p.slug from people p join credits c on c.person_id = p.id
           group by p.id, p.slug order by count(*) desc, p.id limit 1`,
        )
      ).slug,
      title: (
        await one<{ work_title: string }>(
          "select work_title from reviews where status = 'published' order by id limit 1",
        )
      ).work_title.slice(0, 8),
      word: 'harbour',
    };
  }

  return { cases, setUp };
}

/**
 * The statements worth a plan among those a case ran, each once: reads and writes, not BEGIN,
 * COMMIT, SAVEPOINT or SET. The same text with other parameters is another statement (a title
 * search for a rare word and for "the" may be planned apart).
 */
export function statementsToExplain(recorded: Statement[]): Statement[] {
  const unique = new Map<string, Statement>();
  for (const statement of recorded)
    if (/^\s*(select|insert|update|delete|with)\b/i.test(statement.sql))
      unique.set(
        JSON.stringify([statement.sql, statement.params], (_key, value: unknown) =>
          typeof value === 'bigint' ? String(value) : value,
        ),
        statement,
      );
  return [...unique.values()];
}

/**
 * Indexes the plan check must miss: each dropped in turn (and put back), the case beside it
 * must then fail. Both schemas give their indexes the same names (tests/db/schema-parity).
 */
export const NEEDED_INDEXES: ReadonlyArray<readonly [index: string, caseName: string]> = [
  ['review_genres_genre_published_idx', 'genre page'],
  ['credits_person_published_idx', 'person page'],
  ['published_reviews_slug_unique', 'review page by slug (facts, sections, credits, genres)'],
  ['reviews_status_updated_idx', 'admin dashboard: one status'],
  ['audit_log_action_created_idx', 'audit log: by action, by actor'],
  ['review_revisions_review_version_unique', 'revision history and comparing two versions'],
  ['reviews_status_scheduled_idx', "scheduler's due query"],
];
