import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { listReviewsForStaff } from '../../db/queries/admin-reviews';
import { insertReview } from '../../db/reviews/write';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { addSignedInUser } from '../support/staff';

// The staff title search of the admin dashboard (db/queries/admin-reviews.ts), on either engine:
// FTS5 trigram and word indexes on SQLite, pg_trgm and a words tsvector on PostgreSQL. The same
// searches must find the same reviews on both.
const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.9' })),
}));

const sample = buildSampleReview(readSampleArticle());
const TITLES: Array<[headline: string, workTitle: string]> = [
  ['Escape (2024): a soldier runs', 'Escape'],
  ['A fable of Montmartre', 'Le Fabuleux Destin d’Amélie Poulain'],
  ['Up', 'Up'],
  ['Colour and noise', 'Upstream Color'],
  ['A cup of tea', 'Teacup'],
  ['50% off the truth', 'Half True'],
  ["It’s alive, it's alive", 'Frankenstein'],
  ['The road to Gyu-nam', 'Escape Route'],
  ['Back\\slash and under_score', 'Symbols'],
];

beforeAll(async () => {
  const db = getDb();
  await migrateDatabase(db);
  let n = 0;
  for (const [headline, workTitle] of TITLES) {
    n++;
    await db.transaction(
      async (tx) =>
        await insertReview(tx, {
          content: {
            ...sample,
            slug: `title-search-${n}`,
            headline,
            work: { ...sample.work, title: workTitle, originalTitle: null },
            credits: [],
            genres: [],
            posterMediaId: null,
          },
          authorId: null,
          kind: 'create',
          now: new Date(Date.UTC(2025, 0, n)),
        }),
      { behavior: 'immediate' },
    );
  }
  const editor = await addSignedInUser('editor', 'title-search@example.test');
  session.current = { sid: editor.sid };
});

/** The headlines a search finds, in the dashboard's order (newest first). */
async function found(search: string): Promise<string[]> {
  const rows = await listReviewsForStaff({ search });
  return rows.map((row) => row.title);
}

describe('the staff title search', () => {
  it('finds three characters or more anywhere in the headline or the work title', async () => {
    expect(await found('scape')).toEqual(['The road to Gyu-nam', 'Escape (2024): a soldier runs']);
    expect(await found('oldie')).toEqual(['Escape (2024): a soldier runs']);
    expect(await found('stream')).toEqual(['Colour and noise']);
    expect(await found('the truth')).toEqual(['50% off the truth']);
    expect(await found('upstreamx')).toEqual([]);
  });

  it('ignores case and accents', async () => {
    expect(await found('ESCAPE')).toHaveLength(2);
    expect(await found('amelie')).toEqual(['A fable of Montmartre']);
    expect(await found('AMÉLIE')).toEqual(['A fable of Montmartre']);
    expect(await found('fabuleux destin')).toEqual(['A fable of Montmartre']);
  });

  it('takes the search literally, wildcards and quotes included', async () => {
    expect(await found('50%')).toEqual(['50% off the truth']);
    expect(await found('5_%')).toEqual([]);
    expect(await found('%%%')).toEqual([]);
    expect(await found('under_score')).toEqual(['Back\\slash and under_score']);
    expect(await found('under%score')).toEqual([]);
    expect(await found('k\\s')).toEqual(['Back\\slash and under_score']);
    expect(await found("it's")).toEqual(["It’s alive, it's alive"]);
    expect(await found('"alive"')).toEqual([]);
  });

  it('finds one or two characters at the start of a word', async () => {
    expect(await found('up')).toEqual(['Colour and noise', 'Up']);
    expect(await found('Te')).toEqual(['A cup of tea']);
    expect(await found('na')).toEqual(['The road to Gyu-nam']);
    // Accents are ignored here too: "é" is a word starting with "e".
    expect(await found('é')).toEqual(['The road to Gyu-nam', 'Escape (2024): a soldier runs']);
    expect(await found('ü')).toEqual(['Back\\slash and under_score', 'Colour and noise', 'Up']);
    expect(await found('--')).toEqual([]);
  });

  it('answers hostile searches without an error', async () => {
    for (const search of [
      'a\u0000bc',
      '\u0000',
      "'",
      '"',
      '\\',
      '%',
      '_',
      ':*',
      "'a':* | !b",
      'NEAR(a b)',
      '\uD800abc',
      '😀😀',
      'x'.repeat(10_000),
    ]) {
      await expect(listReviewsForStaff({ search })).resolves.toBeInstanceOf(Array);
    }
    expect(await found('a\u0000live')).toEqual(["It’s alive, it's alive"]);
  });
});
