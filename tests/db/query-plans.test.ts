import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '../../db/client';
import { generateFixtures } from '../../db/fixtures/generate';
import { rawSqlite } from '../support/raw-sqlite';
import { sqliteClientsOf } from '../../db/engine/sqlite';
import {
  LARGE_TABLES,
  NEEDED_INDEXES,
  PLAN_FIXTURE,
  queryPlanCases,
  statementsToExplain,
  type Case,
  type Statement,
} from './query-plans-cases';

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
//
// The cases, the fixture and the large tables are shared with PostgreSQL's counterpart,
// tests/db/query-plans.postgres.test.ts (./query-plans-cases.ts); reading the plans is SQLite's.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.11' })),
}));

const { cases: CASES, setUp } = queryPlanCases(session);

let dir: string;
let sqlite: Database.Database;
const recorded: Statement[] = [];
let recording = false;

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
  else await generateFixtures({ file, ...PLAN_FIXTURE });
  await closeDb();
  process.env.DATABASE_URL = file;
  const db = getDb();
  sqlite = rawSqlite(db);
  await setUp();
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
    for (const [index, name] of NEEDED_INDEXES) {
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
