import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '../../db/client';
import { generateFixtures } from '../../db/fixtures/generate';
import { addSignedInUser } from '../support/staff';
import { rawSqlite } from '../support/raw-sqlite';
import { sqliteClientsOf } from '../../db/engine/sqlite';

// Every hot query path, as the app runs it, must be answered from an index. A small fixture
// catalogue (db/fixtures, 300 reviews) is loaded; each main data function is called for real
// while the connection records the SQL it runs with its parameters; each statement then goes
// through EXPLAIN QUERY PLAN, and a full scan of a large table fails the test. The plans are
// checked twice: as a fresh database has them (no statistics) and after ANALYZE. To check them
// on a 100,000-review fixture: QUERY_PLANS_FIXTURE=<file> npx vitest run tests/db/query-plans.test.ts
//
// A `SCAN <table> USING [COVERING] INDEX` reads the table in index order, which is fine when the
// query stops after a bounded number of rows (LIMIT): each such case is listed in `bounded`
// below with the reason it is bounded. `SEARCH` (an index lookup) is always fine.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.11' })),
}));

/** Tables that grow with the catalogue. */
const LARGE_TABLES = new Set([
  'reviews',
  'review_revisions',
  'published_reviews',
  'sections',
  'credits',
  'review_genres',
  'people',
  'audit_log',
]);

type Statement = { sql: string; params: unknown[] };
type Case = {
  run: () => Promise<unknown>;
  /**
   * `table:index` scans this query may do, each bounded by a LIMIT, or `table:*` for any index
   * of the table (say why, beside it).
   */
  bounded?: string[];
  /**
   * Rows must come in order from an index, in 'pages' (statements with a LIMIT: sorting every
   * matching row before taking a page would grow with them) or in 'all' statements.
   */
  sortedByIndex?: 'pages' | 'all';
};

let dir: string;
let sqlite: Database.Database;
const recorded: Statement[] = [];
let recording = false;
const who = {} as Record<'admin' | 'writer', { id: number; sid: string }>;
const as = (role: 'admin' | 'writer') => (session.current = { sid: who[role].sid });

/** Records what the real functions run: every statement they prepare, with its parameters. */
function recordStatements(db: Database.Database) {
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        value: (...params: unknown[]) => {
          if (recording) recorded.push({ sql: source, params });
          return original(...params);
        },
      });
    }
    return statement;
  }) as typeof db.prepare;
}

const KEYWORDS = new Set(
  'on where left right inner outer cross join natural group order limit using set values as union select'.split(
    ' ',
  ),
);

/** Table names by the name a plan uses for them (their alias, or themselves). */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const match of sql.matchAll(
    /\b(?:from|join|update|into)\s+["`]?(\w+)["`]?(?:\s+(?:as\s+)?["`]?(\w+)["`]?)?/gi,
  )) {
    const table = match[1]!;
    map.set(table, table);
    const alias = match[2];
    if (alias && !KEYWORDS.has(alias.toLowerCase())) map.set(alias, table);
  }
  return map;
}

type PlanRow = { id: number; parent: number; detail: string };

function explain(statement: Statement): PlanRow[] {
  return sqlite
    .prepare(`explain query plan ${statement.sql}`)
    .all(...(statement.params as unknown[])) as PlanRow[];
}

/** What is wrong with a statement's plan, in words; empty when every large table is searched. */
function problems(statement: Statement, spec: Case): string[] {
  const names = aliases(statement.sql);
  const found: string[] = [];
  for (const { detail } of explain(statement)) {
    const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail);
    if (scan) {
      const table = names.get(scan[1]!) ?? scan[1]!;
      if (!LARGE_TABLES.has(table)) continue;
      const index = scan[2];
      if (
        index &&
        (spec.bounded?.includes(`${table}:${index}`) || spec.bounded?.includes(`${table}:*`))
      )
        continue;
      found.push(detail);
    }
    if (
      (spec.sortedByIndex === 'all' ||
        (spec.sortedByIndex === 'pages' && /\blimit\b/i.test(statement.sql))) &&
      /USE TEMP B-TREE FOR (?:RIGHT PART OF |LAST TERM OF )?ORDER BY/.test(detail)
    )
      found.push(detail);
  }
  return found;
}

let fixture: {
  slug: string;
  genre: string;
  person: string;
  reviewId: number;
  draftId: number;
  word: string;
  title: string;
};

const CASES: Record<string, Case> = {
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
  'search (FTS5)': {
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
    // The matches come from an FTS5 index; sorting them by date is bounded by how many match.
    // From MANY_TITLE_MATCHES matches on (only "the" on a 100,000-review fixture), the newest
    // are read from the date index instead, keeping the matches: 200 of them come within about
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
    // The sitemap lists every published review, genre and person: reading them all is its job.
    // It does so a file (SITEMAP_FILE_URLS) at a time, each cached until the next publish: the
    // counts read one index of each table end to end, and a part reads its LIMIT after its
    // OFFSET in index order (reviews by date, genres and people by slug).
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

/** The statements each case ran, for the plan checks and the "dropped index" check. */
const statementsOf = new Map<string, Statement[]>();

async function runCase(name: string): Promise<Statement[]> {
  recorded.length = 0;
  recording = true;
  try {
    await CASES[name]!.run();
  } finally {
    recording = false;
  }
  const unique = new Map<string, Statement>();
  for (const statement of recorded)
    if (/^\s*(select|insert|update|delete|with)\b/i.test(statement.sql))
      unique.set(statement.sql, statement);
  return [...unique.values()];
}

function report(name: string, statements: Statement[]): string[] {
  const spec = CASES[name]!;
  return statements.flatMap((statement) => {
    const found = problems(statement, spec);
    if (found.length === 0) return [];
    const plan = explain(statement)
      .map((row) => `    ${row.detail}`)
      .join('\n');
    return [`${name}: ${found.join('; ')}\n  ${statement.sql}\n${plan}`];
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-plans-'));
  const file = path.join(dir, 'fixtures.db');
  // QUERY_PLANS_FIXTURE=<file> checks a copy of a bigger fixture instead (npm run
  // db:generate-fixtures -- --reviews 100000 …): the plans at full scale.
  if (process.env.QUERY_PLANS_FIXTURE) fs.copyFileSync(process.env.QUERY_PLANS_FIXTURE, file);
  else
    await generateFixtures({ file, reviews: 300, seed: 8, now: new Date('2026-01-15T12:00:00Z') });
  await closeDb();
  process.env.DATABASE_URL = file;
  const db = getDb();
  sqlite = rawSqlite(db);
  who.admin = await addSignedInUser('admin', 'plans-admin@example.test');
  who.writer = await addSignedInUser('writer', 'plans-writer@example.test');
  const one = <T>(sql: string) => sqlite.prepare(sql).get() as T;
  const review = one<{ id: number; slug: string }>(
    `select r.id, p.slug from reviews r join published_reviews p on p.review_id = r.id
     where r.version > 2 order by r.id limit 1`,
  );
  const draft = one<{ id: number }>(
    "select id from reviews where status = 'draft' and headline <> '' order by id limit 1",
  );
  fixture = {
    slug: review.slug,
    reviewId: review.id,
    draftId: draft.id,
    genre: one<{ slug: string }>(
      `select g.slug from genres g join review_genres rg on rg.genre_id = g.id
       group by g.id order by count(*) desc limit 1`,
    ).slug,
    person: one<{ slug: string }>(
      `select p.slug from people p join credits c on c.person_id = p.id
       group by p.id order by count(*) desc limit 1`,
    ).slug,
    title: one<{ work_title: string }>(
      "select work_title from reviews where status = 'published' order by id limit 1",
    ).work_title.slice(0, 8),
    word: 'harbour',
  };
  // Reads run on the read connection, writes on the write connection: record both.
  for (const connection of new Set(Object.values(sqliteClientsOf(getDb())))) {
    recordStatements(connection);
  }
});

afterAll(async () => {
  session.current = null;
  await closeDb();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['without statistics (a fresh database)', false],
  ['after ANALYZE', true],
])('query plans %s', (_label, analyze) => {
  beforeAll(() => {
    if (analyze) sqlite.exec('analyze');
  });

  it.each(Object.keys(CASES))('%s: no full scan of a large table', async (name) => {
    const statements = await runCase(name);
    expect(statements.length).toBeGreaterThan(0);
    statementsOf.set(name, statements);
    if (process.env.SHOW_PLANS)
      for (const statement of statements)
        console.log(
          `${name}\n  ${statement.sql}\n${explain(statement)
            .map((row) => `    ${row.detail}`)
            .join('\n')}`,
        );
    expect(report(name, statements)).toEqual([]);
  });
});

describe('the plan check', () => {
  it('fails when an index the queries need is dropped', () => {
    const dropped: Array<[string, string]> = [
      ['review_genres_genre_published_idx', 'genre page'],
      ['credits_person_published_idx', 'person page'],
      ['published_reviews_slug_unique', 'review page by slug (facts, sections, credits, genres)'],
      ['reviews_status_updated_idx', 'admin dashboard: one status'],
      ['audit_log_action_created_idx', 'audit log: by action, by actor'],
      ['review_revisions_review_version_unique', 'revision history and comparing two versions'],
      ['reviews_status_scheduled_idx', "scheduler's due query"],
    ];
    for (const [index, name] of dropped) {
      const statements = statementsOf.get(name)!;
      expect(report(name, statements), `${name} with every index`).toEqual([]);
      sqlite.exec('begin');
      try {
        sqlite.exec(`drop index ${index}`);
        expect(report(name, statements).length, `${name} without ${index}`).toBeGreaterThan(0);
      } finally {
        sqlite.exec('rollback');
      }
    }
  });
});
