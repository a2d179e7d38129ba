import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { seedSampleReview } from '../../db/seed/seed';
import { createTestDatabase } from '../support/temp-db';
import { query, queryColumn, queryValue } from '../support/raw-sql';

let db: Db;
let reopen: () => Db;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ db, reopen, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup());

const countOf = (table: string) => queryValue<number>(db, `select count(*) from ${table}`);

describe('seeding the sample review', () => {
  it('seeds an empty database once, and a second run (even from another connection) adds nothing', async () => {
    const first = await seedSampleReview(db);
    expect(first.seeded).toBe(true);

    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          [
            'reviews',
            'review_revisions',
            'published_reviews',
            'sections',
            'people',
            'credits',
            'genres',
            'review_genres',
          ].map(async (table) => [table, await countOf(table)]),
        ),
      );
    const afterFirst = await snapshot();
    expect(afterFirst).toEqual({
      reviews: 1,
      review_revisions: 1,
      published_reviews: 1,
      sections: 8,
      people: 7,
      credits: 7,
      genres: 2,
      review_genres: 2,
    });

    // A second connection (pool), as another process would open; closed by cleanup().
    const second = await seedSampleReview(reopen());
    expect(second.seeded).toBe(false);
    expect(await seedSampleReview(db)).toMatchObject({ seeded: false });
    expect(await snapshot()).toEqual(afterFirst);
  });

  it('publishes the review, pointing it at its revision', async () => {
    const [review] = await query<{
      slug: string;
      status: string;
      version: number;
      revisionId: number;
      headline: string;
    }>(
      db,
      // Quoted so that PostgreSQL keeps the alias's case, as SQLite does.
      'select slug, status, version, published_revision_id as "revisionId", headline from reviews',
    );
    expect(review).toMatchObject({
      slug: 'escape-2024',
      status: 'published',
      version: 1,
      headline: 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival',
    });
    const published = await queryValue(
      db,
      'select revision_id from published_reviews where slug = ?',
      'escape-2024',
    );
    expect(published).toBe(review!.revisionId);
  });

  it('stores the eight sections in order, the credits with characters, and the genres', async () => {
    const headings = await queryColumn(db, 'select heading from sections order by position');
    expect(headings).toEqual([
      'Plot Summary',
      'Main Cast and Performances',
      'Direction and Cinematic Style',
      'Themes and Symbolism',
      'Critical Reception and Awards',
      'Cultural and Global Relevance',
      'Availability and Distribution',
      'Final Thoughts',
    ]);
    const credits = await query(
      db,
      'select p.name, c.role, c.character from credits c join people p on p.id = c.person_id order by c.position',
    );
    expect(credits).toEqual([
      { name: 'Lee Jong-pil', role: 'director', character: null },
      { name: 'Lee Je-hoon', role: 'cast', character: 'Lim Gyu-nam' },
      { name: 'Koo Kyo-hwan', role: 'cast', character: 'Major Ri Hyun-sang' },
      { name: 'Hong Xa-bin', role: 'cast', character: 'Kim Dong-hyuk' },
      { name: 'Kim Seung-an', role: 'cinematographer', character: null },
      { name: 'Lee Seung-bin', role: 'cinematographer', character: null },
      { name: 'Dalpalan', role: 'composer', character: null },
    ]);
    const genres = await queryColumn(
      db,
      'select g.slug from review_genres rg join genres g on g.id = rg.genre_id order by rg.position',
    );
    expect(genres).toEqual(['thriller', 'political-drama']);
    const [work] = await query<Record<string, unknown>>(
      db,
      'select work_title, year, kind, countries from published_reviews',
    );
    const { countries, ...columns } = work!;
    expect(columns).toEqual({ work_title: 'Escape', year: 2024, kind: 'film' });
    // A json column: SQLite stores the JSON text, PostgreSQL's jsonb comes back parsed.
    expect(countries).toEqual(process.env.TEST_ENGINE === 'postgres' ? ['KR'] : '["KR"]');
  });
});
