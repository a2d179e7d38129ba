import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../db/client';
import { migrateDatabase } from '../../../db/migrate';
import { listReviewsForStaff } from '../../../db/queries/admin-reviews';
import { searchPublishedReviews, SEARCH_PAGE_SIZE } from '../../../db/queries/search';
import { seedSampleReview } from '../../../db/seed/seed';
import { addSignedInUser } from '../../support/staff';
import {
  fill,
  hostileString,
  HOSTILE_UNITS,
  KB,
  MB,
  NAMED_UNITS,
  timedAsync,
  timeLimit,
} from './hostile';

// Reader search and the staff title search with hostile input, on the engine of the Vitest
// project: FTS5 on SQLite, tsquery and pg_trgm on PostgreSQL. Whatever is typed is searched for
// as words (or, in the staff search, as a literal string), never obeyed as query syntax of
// either engine, and answers with results or none, never an error, in time.
const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.9' })),
}));

const LONG = { timeout: 120_000 };
/** A query is a few round trips to the database: more slack than pure functions get. */
const SLACK = 4;

beforeAll(async () => {
  const db = getDb();
  await migrateDatabase(db);
  await seedSampleReview(db);
  const editor = await addSignedInUser('editor', 'hostile-search@example.test');
  session.current = { sid: editor.sid };
});

async function searches(label: string, q: string) {
  const result = await timedAsync(() => searchPublishedReviews(q));
  if (!result.ok)
    throw new Error(`${label} threw ${String(result.error)}`, { cause: result.error });
  expect(result.ms, `${label} took ${result.ms.toFixed(0)} ms`).toBeLessThan(
    timeLimit(q.length, SLACK),
  );
  expect(result.value.results.length).toBeLessThanOrEqual(SEARCH_PAGE_SIZE);
  expect(result.value.total).toBeGreaterThanOrEqual(result.value.results.length);
  return result.value;
}

async function listsTitles(label: string, search: string) {
  const result = await timedAsync(() => listReviewsForStaff({ search }));
  if (!result.ok)
    throw new Error(`${label} threw ${String(result.error)}`, { cause: result.error });
  expect(result.ms, `${label} took ${result.ms.toFixed(0)} ms`).toBeLessThan(
    timeLimit(search.length, SLACK),
  );
  return result.value.map((row) => row.title);
}

const SAMPLE = 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival';

describe('reader search on hostile input', LONG, () => {
  it('answers any hostile text', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(), async (q) => {
        await searches('hostile text', q);
      }),
      { numRuns: 200 },
    );
  });

  it('answers 100 KB of each hostile shape, and 1 MB of the named ones', async () => {
    for (const [shape, unit] of HOSTILE_UNITS) await searches(shape, fill(unit, 100 * KB));
    for (const [shape, unit] of NAMED_UNITS) await searches(`${shape}, 1 MB`, fill(unit, MB));
  });

  it('searches the operators of FTS5 and of tsquery as words, never obeys them', async () => {
    const titles = async (q: string) =>
      (await searches(q, q)).results.map((result) => result.headline);
    // Obeyed, each of these would find the sample review; as words, none is in it.
    for (const q of [
      'escape | zzzznothing',
      'escape OR zzzznothing',
      'escape & !zzzznothing',
      'escape NOT zzzznothing',
      "escape:* 'zzzznothing':*",
      'escape <-> zzzznothing',
      'escape <2> zzzznothing',
      'escape:A zzzznothing',
      'NEAR(escape zzzznothing)',
    ])
      expect(await titles(q), q).toEqual([]);
    // Obeyed, these would leave the sample review out; as words, they find it.
    for (const q of [
      'escape !freedom',
      'escape -freedom',
      'escape NOT freedom',
      "'escape' & freedom",
    ])
      expect(await titles(q), q).toEqual([SAMPLE]);
    for (const q of ["'", "''", '\\', ':*', '&', '|', '!', '<->', '(', ')', '"', '*', '^'])
      expect((await searches(q, q)).total, q).toBe(0);
  });

  it('answers words that hold nothing either engine can index', async () => {
    for (const q of ['½', 'x²', 'Ⅻ', '⅓ escape', '\u0301e', '𝟘𝟙', 'ǅ', 'ﬁ']) await searches(q, q);
  });
});

describe('the staff title search on hostile input', LONG, () => {
  it('answers any hostile text', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(10, 50), async (search) => {
        await listsTitles('hostile text', search);
      }),
      { numRuns: 150 },
    );
  });

  it('answers 10 KB of each hostile shape (the dashboard takes 200 characters)', async () => {
    for (const [shape, unit] of HOSTILE_UNITS) await listsTitles(shape, fill(unit, 10 * KB));
  });

  it('takes wildcards, quotes and operators literally', async () => {
    for (const search of [
      '%',
      '%%%',
      '_',
      '___',
      '\\',
      '\\\\\\',
      "'",
      "'''",
      '"',
      '"""',
      '*',
      ':*',
      'a&b',
      '!!!',
      '(((',
      'NEAR(a b)',
    ])
      expect(await listsTitles(search, search), search).toEqual([]);
    expect(await listsTitles('a NUL', 'Es\u0000cape')).toEqual([SAMPLE]);
  });
});
