import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '../../db/client';
import { copyDatabase } from '../../db/copy/copy-database';
import { parseEndpoint } from '../../db/copy/endpoints';
import { postgresPoolOf } from '../../db/engine/postgres';
import {
  LARGE_TABLES,
  NEEDED_INDEXES,
  PLAN_FIXTURE,
  queryPlanCases,
  statementsToExplain,
  type Case,
  type Statement,
} from './query-plans-cases';

// PostgreSQL's side of tests/db/query-plans.test.ts, on the same cases and the same catalogue
// (./query-plans-cases.ts): the 300-review fixture is generated into a SQLite file and copied
// into this file's PostgreSQL database by npm run db:copy's own code, as an operator would
// move a publication; each case calls the real data functions while every connection of the
// pool records the SQL it is sent, with its parameters; each statement then goes through
// EXPLAIN (FORMAT JSON), which does not execute it, on a connection of its own.
//
// On a few hundred rows PostgreSQL rightly prefers reading a table whole to looking rows up,
// so its ordinary plans there say nothing of a large catalogue. The plan shapes that read a
// table whole are priced out instead (PRICED_OUT: sequential scans, hash and merge joins,
// materialized inner sides; sorts too where a case wants index order): PostgreSQL still
// chooses one only when nothing else can answer. What fails:
// - a `Seq Scan` of a large table: no index answers the query;
// - an index read end to end (no condition on the index's first column: a b-tree is sorted
//   by it first, so a condition on a later column alone still reads all of it), unless the
//   case says it is bounded by its LIMIT (`bounded`, as on SQLite) and every row read is
//   returned, or a second look (statementProblems) shows it was a choice, not a necessity;
// - a sort where the case wants its rows in index order (`sortedByIndex`), but for a sort of
//   runs of ties on the last key only and the DISTINCT_SORTED exception.
// The plans are read after ANALYZE: before it, the estimates depend on when autovacuum last
// looked at the copied tables.
//
// The same file also checks that the copy serves a reader what the SQLite file serves: the
// public data functions run on both databases in this process, the modules evaluated once per
// engine (withModulesFor), and their results must be equal.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.11' })),
}));

const { cases: CASES, setUp } = queryPlanCases(session);

/**
 * The large tables, as on SQLite, and review_search: PostgreSQL's reader search index is an
 * ordinary table (one row per published review, its tsvector under a GIN index), where
 * SQLite's is an FTS5 virtual table that only answers MATCH.
 */
const LARGE = new Set([...LARGE_TABLES, 'review_search']);

let dir: string;
let sqliteFile: string;
let postgresUrl: string;
/** The connection plans are asked on: its own, outside the pool, so its queries are not recorded. */
let planner: pg.Client;
const recorded: Statement[] = [];
let recording = false;

/**
 * Runs `work` with the modules evaluated afresh for the database `url` names. db/schema.ts
 * chooses the tables of one engine when it loads, for the life of the process, as the app
 * does; Vitest's module registry is that process here, so emptying it (vi.resetModules) and
 * importing again gives the data functions on the other engine, as another process would
 * have them. Afterwards the registry is emptied again, for `previous` (this file's engine).
 */
async function withModulesFor<T>(url: string, work: () => Promise<T>): Promise<T> {
  const previous = process.env.DATABASE_URL;
  await closeDb();
  process.env.DATABASE_URL = url;
  vi.resetModules();
  try {
    return await work();
  } finally {
    await closeDb();
    process.env.DATABASE_URL = previous;
    vi.resetModules();
  }
}

/**
 * Records every query the pool's connections are sent while `recording`: Drizzle's
 * node-postgres session calls `client.query(config, params)` on the pool itself (whose query
 * takes a connection and calls the connection's) or, in a transaction, on a connection from
 * pool.connect(). Each connection is wrapped once, when the pool opens it.
 */
function recordStatements(pool: pg.Pool) {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      if (recording) {
        const [config, values] = args as [string | pg.QueryConfig, unknown];
        const text = typeof config === 'string' ? config : config.text;
        const params = Array.isArray(values)
          ? values
          : typeof config === 'string'
            ? []
            : (config.values ?? []);
        recorded.push({ sql: text, params });
      }
      return query(...args);
    }) as typeof client.query;
  });
}

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Sort Key'?: string[];
  'Presorted Key'?: string[];
  Filter?: string;
  Plans?: PlanNode[];
};

/** Each b-tree index's table and first column (null for an expression), by index name. */
let indexes: Map<string, { table: string; firstColumn: string | null; method: string }>;

async function readIndexes() {
  const { rows } = await planner.query<{
    index: string;
    table: string;
    first_column: string | null;
    method: string;
  }>(
    `select i.relname as index, t.relname as table, a.attname as first_column, am.amname as method
     from pg_index x
     join pg_class i on i.oid = x.indexrelid
     join pg_class t on t.oid = x.indrelid
     join pg_am am on am.oid = i.relam
     join pg_namespace n on n.oid = t.relnamespace
     left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
     where n.nspname = 'public'`,
  );
  indexes = new Map(
    rows.map((row) => [
      row.index,
      { table: row.table, firstColumn: row.first_column, method: row.method },
    ]),
  );
}

/**
 * The plan shapes that read a table whole, priced out (each adds a fixed penalty to a plan
 * that uses it, so PostgreSQL still uses one when nothing else can answer): sequential scans;
 * hash and merge joins, which read one side whole where a nested loop looks each row up by an
 * index (SQLite's only join); and materializing a join's inner side, which reads it whole once
 * instead of looking it up.
 */
const PRICED_OUT = ['enable_seqscan', 'enable_hashjoin', 'enable_mergejoin', 'enable_material'];

/**
 * Cases where PostgreSQL sorts rows SQLite takes in index order, and why that is bounded.
 * Only a Sort feeding a Unique (the SELECT DISTINCT) of these cases is let through.
 */
const DISTINCT_SORTED: Record<string, string> = {
  // The reviews crediting a person, DISTINCT because a person may hold two roles in one
  // review. PostgreSQL 15 has no incremental sort for a DISTINCT: it sorts every review of
  // the person (found by credits_person_published_idx, one index condition) before the
  // LIMIT, where SQLite reads them in that index's order. The sort grows with one person's
  // credits, not with the catalogue.
  'person page': 'a DISTINCT over one person’s credits',
};

const wantsIndexOrder = (statement: Statement, spec: Case) =>
  spec.sortedByIndex === 'all' ||
  (spec.sortedByIndex === 'pages' && /\blimit\b/i.test(statement.sql));

/**
 * EXPLAIN (never executed) with the statement's own parameters. Sorts are priced out where
 * the case wants index order; `bitmapOnly` prices out plain and index-only scans too, so that
 * every table is either reached through an index condition (a bitmap scan needs one) or read
 * whole by a Seq Scan.
 */
async function explain(
  statement: Statement,
  spec: Case,
  { format = 'json', bitmapOnly = false }: { format?: 'json' | 'text'; bitmapOnly?: boolean } = {},
) {
  await planner.query(`set enable_sort = ${wantsIndexOrder(statement, spec) ? 'off' : 'on'}`);
  for (const setting of ['enable_indexscan', 'enable_indexonlyscan'])
    await planner.query(`set ${setting} = ${bitmapOnly ? 'off' : 'on'}`);
  const { rows } = await planner.query(
    `explain (format ${format}) ${statement.sql}`,
    statement.params,
  );
  return rows;
}

async function plan(statement: Statement, spec: Case, bitmapOnly = false): Promise<PlanNode> {
  const rows = (await explain(statement, spec, { bitmapOnly })) as Array<{
    'QUERY PLAN': [{ Plan: PlanNode }];
  }>;
  return rows[0]!['QUERY PLAN'][0].Plan;
}

async function planText(statement: Statement, spec: Case, bitmapOnly = false): Promise<string> {
  const rows = (await explain(statement, spec, { format: 'text', bitmapOnly })) as Array<{
    'QUERY PLAN': string;
  }>;
  return rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n');
}

/** Whether an index condition bounds `column` (`(col = …)`, `(t.col >= …)`, `(col IS NULL)`…). */
function bounds(condition: string, column: string): boolean {
  return new RegExp(`(?:^|[(\\s])(?:"?\\w+"?\\.)?"?${column}"?\\s*(?:=|<=|>=|<|>|IS\\b|~)`).test(
    condition,
  );
}

/**
 * Something wrong in a plan: a large table read by a Seq Scan or an index read end to end
 * (`whole`, from `index`), or rows sorted that the case wants from an index.
 */
type Problem = { kind: 'seq' | 'whole' | 'sort'; table?: string; index?: string; text: string };

function problems(root: PlanNode, statement: Statement, spec: Case, name: string): Problem[] {
  const found: Problem[] = [];
  const visit = (node: PlanNode, parent: PlanNode | null) => {
    const type = node['Node Type'];
    const relation = node['Relation Name'];
    if (type === 'Seq Scan' && relation && LARGE.has(relation))
      found.push({ kind: 'seq', table: relation, text: `Seq Scan on ${relation}` });
    if (/^(Index Scan|Index Only Scan|Bitmap Index Scan)$/.test(type)) {
      const indexName = node['Index Name']!;
      const index = indexes.get(indexName);
      const table = index?.table ?? relation!;
      const condition = node['Index Cond'];
      // A b-tree scan with no condition on its first column reads the whole index (a GIN
      // index answers a condition on any of its columns).
      const whole =
        condition === undefined ||
        (index?.method === 'btree' &&
          index.firstColumn !== null &&
          !bounds(condition, index.firstColumn));
      // `bounded` lets a case read an index end to end under its LIMIT, when every row read
      // is one returned: a filtered read is bounded by how many rows match, which is for
      // the second look (statementProblems) to settle.
      const bounded =
        node.Filter === undefined &&
        (spec.bounded?.includes(`${table}:${indexName}`) || spec.bounded?.includes(`${table}:*`));
      if (whole && LARGE.has(table) && !bounded)
        found.push({
          kind: 'whole',
          table,
          index: indexName,
          text: `${type} of all of ${indexName} on ${table}${condition ? ` (${condition})` : ''}`,
        });
    }
    if (/Sort$/.test(type) && wantsIndexOrder(statement, spec)) {
      const keys = node['Sort Key'] ?? [];
      // An incremental sort of rows that come in order of all keys but the last (the id that
      // breaks ties) sorts each run of ties as it comes: bounded, like SQLite's index entries,
      // which end with the row id and so are in that order already.
      const tiesOnly =
        type === 'Incremental Sort' && (node['Presorted Key'] ?? []).length >= keys.length - 1;
      const distinct = parent?.['Node Type'] === 'Unique' && name in DISTINCT_SORTED;
      if (!tiesOnly && !distinct)
        found.push({ kind: 'sort', text: `${type} by ${keys.join(', ')}` });
    }
    for (const child of node.Plans ?? []) visit(child, node);
  };
  visit(root, null);
  return found;
}

let inTransaction = false;

/**
 * Runs `work` with `index` gone from the planner's connection, and puts it back: DDL is
 * transactional on PostgreSQL, and nothing else uses the database meanwhile (the pool is
 * idle between cases). A primary key or unique constraint goes with its index.
 */
async function withoutIndex<T>(index: string, work: () => Promise<T>): Promise<T> {
  const outer = inTransaction;
  await planner.query(outer ? 'savepoint without_index' : 'begin');
  inTransaction = true;
  try {
    const { rows } = await planner.query<{ name: string; table: string }>(
      `select c.conname as name, c.conrelid::regclass::text as table
       from pg_constraint c join pg_class i on i.oid = c.conindid
       where i.relname = $1 and c.contype in ('p', 'u')`,
      [index],
    );
    if (rows[0])
      await planner.query(`alter table ${rows[0].table} drop constraint "${rows[0].name}" cascade`);
    else await planner.query(`drop index "${index}"`);
    return await work();
  } finally {
    await planner.query(outer ? 'rollback to savepoint without_index' : 'rollback');
    inTransaction = outer;
  }
}

/**
 * What is wrong with a statement's plans, in words. On a table of a few hundred rows an index
 * read end to end is often PostgreSQL's cheapest plan even where an index condition could find
 * the rows, so such a read counts only if it stands when asked again: if, with plain index
 * scans priced out as well (a bitmap scan needs an index condition), the table is still read
 * whole, no index condition reaches it; and where the case wants index order, if without the
 * index read end to end the rows need a sort, no index gives them in order under their
 * conditions.
 */
async function statementProblems(statement: Statement, name: string): Promise<string[]> {
  const spec = CASES[name]!;
  const found = problems(await plan(statement, spec), statement, spec, name);
  const confirmed: Problem[] = [];
  for (const problem of found) {
    if (problem.kind !== 'whole') {
      confirmed.push(problem);
      continue;
    }
    const bitmapOnly = problems(await plan(statement, spec, true), statement, spec, name);
    const unreachable = bitmapOnly.some((other) => other.table === problem.table);
    const unordered =
      wantsIndexOrder(statement, spec) &&
      (await withoutIndex(problem.index!, async () =>
        problems(await plan(statement, spec), statement, spec, name).some(
          (other) => other.kind === 'sort',
        ),
      ));
    if (unreachable || unordered)
      confirmed.push({
        ...problem,
        text: `${problem.text}${unreachable ? ', no index condition reaches it' : ''}${unordered ? ', and without it the rows are sorted' : ''}`,
      });
  }
  return confirmed.map((problem) => problem.text);
}

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
  return statementsToExplain(recorded);
}

async function report(name: string, statements: Statement[]): Promise<string[]> {
  const spec = CASES[name]!;
  const found: string[] = [];
  for (const statement of statements) {
    const wrong = await statementProblems(statement, name);
    if (wrong.length)
      found.push(
        `${name}: ${wrong.join('; ')}\n  ${statement.sql}\n${await planText(statement, spec)}\n` +
          `  with plain index scans priced out too:\n${await planText(statement, spec, true)}`,
      );
  }
  return found;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-plans-pg-'));
  sqliteFile = path.join(dir, 'fixtures.db');
  // The generator writes SQLite only (db/fixtures): it runs with the modules of a process on
  // SQLite (its own app database named, so that it refuses to overwrite that one).
  await withModulesFor(path.join(dir, 'app.db'), async () => {
    const { users } = await import('../../db/schema');
    expect(is(users, SQLiteTable)).toBe(true);
    const { generateFixtures } = await import('../../db/fixtures/generate');
    await generateFixtures({ file: sqliteFile, ...PLAN_FIXTURE });
  });
  // Into the empty database tests/support/setup.ts made for this file.
  postgresUrl = process.env.DATABASE_URL!;
  const copied = await copyDatabase({
    from: parseEndpoint(sqliteFile, dir),
    to: parseEndpoint(postgresUrl, dir),
    force: false,
    log: () => {},
  });
  expect(copied.ok).toBe(true);
  planner = new pg.Client({ connectionString: postgresUrl });
  await planner.connect();
}, 120_000);

afterAll(async () => {
  session.current = null;
  await planner?.end();
  await closeDb();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * What a reader is served, from the data functions the pages call: the home page's first and
 * a deeper page, every review on them, every genre's first page (and the largest genre's
 * second), the pages of the ten most credited people, related reviews, the feed and the whole
 * sitemap. Reader search is left out: its ranking is each engine's own (FTS5's bm25,
 * PostgreSQL's ts_rank), so the same question rightly gives the same reviews in another order.
 */
async function readerPages() {
  const { listPublishedReviews, getPublishedReviewBySlug } =
    await import('../../db/queries/public-reviews');
  const { getGenrePage, getPersonPage, listRelatedReviews } =
    await import('../../db/queries/public-taxonomy');
  const { listFeedReviews, getSitemapData } = await import('../../db/queries/public-feed');
  const { query } = await import('../support/raw-sql');
  const { getDb: currentDb } = await import('../../db/client');
  const home = [
    await listPublishedReviews({ limit: 12 }),
    await listPublishedReviews({ limit: 12, offset: 120 }),
  ];
  const slugs = home.flatMap((page) => page.reviews.map((review) => review.slug));
  const reviews = [];
  for (const slug of slugs) reviews.push(await getPublishedReviewBySlug(slug));
  const related = [];
  for (const slug of slugs.slice(0, 6)) related.push(await listRelatedReviews(slug));
  const sitemap = await getSitemapData();
  const genrePages = [];
  for (const { slug } of sitemap.genres) genrePages.push(await getGenrePage(slug, 1));
  const [largestGenre] = await query<{ slug: string }>(
    currentDb(),
    `select g.slug from genres g join review_genres rg on rg.genre_id = g.id
     group by g.id, g.slug order by count(*) desc, g.id limit 1`,
  );
  genrePages.push(await getGenrePage(largestGenre!.slug, 2));
  const credited = await query<{ slug: string }>(
    currentDb(),
    `select p.slug from people p join credits c on c.person_id = p.id
     group by p.id, p.slug order by count(*) desc, p.id limit 10`,
  );
  const personPages = [];
  for (const { slug } of credited) personPages.push(await getPersonPage(slug, 1));
  return {
    home,
    reviews,
    related,
    genrePages,
    personPages,
    feed: await listFeedReviews(),
    sitemap,
  };
}

describe('a publication copied from SQLite to PostgreSQL', () => {
  // Before the plan cases below, which edit and publish a review on PostgreSQL only.
  it('serves the same pages', async () => {
    const onSqlite = await withModulesFor(sqliteFile, async () => {
      const { reviews } = await import('../../db/schema');
      const { engineOf } = await import('../../db/engine/dialect');
      const { getDb: currentDb } = await import('../../db/client');
      expect(is(reviews, SQLiteTable)).toBe(true);
      expect(engineOf(currentDb())).toBe('sqlite');
      return readerPages();
    });
    const onPostgres = await withModulesFor(postgresUrl, async () => {
      const { reviews } = await import('../../db/schema');
      const { engineOf } = await import('../../db/engine/dialect');
      const { getDb: currentDb } = await import('../../db/client');
      expect(is(reviews, PgTable)).toBe(true);
      expect(engineOf(currentDb())).toBe('postgres');
      return readerPages();
    });
    // The comparison means something only if the pages hold what a publication shows.
    expect(onSqlite.home[0]!.reviews).toHaveLength(12);
    expect(onSqlite.reviews.every((review) => review !== null && review.sections.length > 0)).toBe(
      true,
    );
    expect(onSqlite.genrePages.every((page) => page !== null)).toBe(true);
    expect(onSqlite.personPages).toHaveLength(10);
    expect(onSqlite.sitemap.reviews.length).toBeGreaterThan(200);
    expect(onPostgres).toEqual(onSqlite);
  });
});

describe('query plans after ANALYZE, with sequential scans priced out', () => {
  beforeAll(async () => {
    await closeDb();
    recordStatements(postgresPoolOf(getDb()));
    await planner.query('analyze');
    for (const setting of PRICED_OUT) await planner.query(`set ${setting} = off`);
    await readIndexes();
    await setUp();
  });

  it.each(Object.keys(CASES))('%s: no full read of a large table', async (name) => {
    const statements = await runCase(name);
    expect(statements.length).toBeGreaterThan(0);
    statementsOf.set(name, statements);
    if (process.env.SHOW_PLANS)
      for (const statement of statements)
        console.log(`${name}\n  ${statement.sql}\n${await planText(statement, CASES[name]!)}`);
    expect(await report(name, statements)).toEqual([]);
  });
});

/** PostgreSQL's own indexes for the searches (drizzle/postgres/0002, 0003), with the rest. */
const NEEDED_ON_POSTGRES: ReadonlyArray<readonly [index: string, caseName: string]> = [
  ...NEEDED_INDEXES,
  ['review_search_document_gin_idx', 'reader search'],
  [
    'reviews_title_trgm_idx',
    'admin dashboard: a title search (with and without a status, as a writer)',
  ],
  [
    'reviews_title_words_idx',
    'admin dashboard: a title search (with and without a status, as a writer)',
  ],
];

describe('the plan check', () => {
  it('fails when an index the queries need is dropped', async () => {
    for (const [index, name] of NEEDED_ON_POSTGRES) {
      const statements = statementsOf.get(name)!;
      expect(await report(name, statements), `${name} with every index`).toEqual([]);
      const without = await withoutIndex(index, () => report(name, statements));
      expect(without.length, `${name} without ${index}`).toBeGreaterThan(0);
    }
  });
});
