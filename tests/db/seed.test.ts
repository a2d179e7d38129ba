import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { seedSampleReview } from '../../db/seed/seed';
import { createTestDatabase } from '../support/temp-db';
import { rawSqlite } from '../support/raw-sqlite';
import { closeSqliteDatabase } from '../../db/engine/sqlite';

let db: Db;
let file: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, file, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup());

const countOf = (table: string) =>
  rawSqlite(db).prepare(`select count(*) from ${table}`).pluck().get() as number;

describe('seeding the sample review', () => {
  it('seeds an empty database once, and a second run (even from another connection) adds nothing', async () => {
    const first = await seedSampleReview(db);
    expect(first.seeded).toBe(true);

    const snapshot = () =>
      Object.fromEntries(
        [
          'reviews',
          'review_revisions',
          'published_reviews',
          'sections',
          'people',
          'credits',
          'genres',
          'review_genres',
        ].map((table) => [table, countOf(table)]),
      );
    const afterFirst = snapshot();
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

    const other = openDatabase(file);
    try {
      const second = await seedSampleReview(other);
      expect(second.seeded).toBe(false);
    } finally {
      void closeSqliteDatabase(other);
    }
    expect(await seedSampleReview(db)).toMatchObject({ seeded: false });
    expect(snapshot()).toEqual(afterFirst);
  });

  it('publishes the review, pointing it at its revision', () => {
    const review = rawSqlite(db)
      .prepare(
        'select slug, status, version, published_revision_id as revisionId, headline from reviews',
      )
      .get() as {
      slug: string;
      status: string;
      version: number;
      revisionId: number;
      headline: string;
    };
    expect(review).toMatchObject({
      slug: 'escape-2024',
      status: 'published',
      version: 1,
      headline: 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival',
    });
    const published = rawSqlite(db)
      .prepare('select revision_id from published_reviews where slug = ?')
      .pluck()
      .get('escape-2024');
    expect(published).toBe(review.revisionId);
  });

  it('stores the eight sections in order, the credits with characters, and the genres', () => {
    const headings = rawSqlite(db)
      .prepare('select heading from sections order by position')
      .pluck()
      .all();
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
    const credits = rawSqlite(db)
      .prepare(
        'select p.name, c.role, c.character from credits c join people p on p.id = c.person_id order by c.position',
      )
      .all();
    expect(credits).toEqual([
      { name: 'Lee Jong-pil', role: 'director', character: null },
      { name: 'Lee Je-hoon', role: 'cast', character: 'Lim Gyu-nam' },
      { name: 'Koo Kyo-hwan', role: 'cast', character: 'Major Ri Hyun-sang' },
      { name: 'Hong Xa-bin', role: 'cast', character: 'Kim Dong-hyuk' },
      { name: 'Kim Seung-an', role: 'cinematographer', character: null },
      { name: 'Lee Seung-bin', role: 'cinematographer', character: null },
      { name: 'Dalpalan', role: 'composer', character: null },
    ]);
    const genres = rawSqlite(db)
      .prepare(
        'select g.slug from review_genres rg join genres g on g.id = rg.genre_id order by rg.position',
      )
      .pluck()
      .all();
    expect(genres).toEqual(['thriller', 'political-drama']);
    const work = rawSqlite(db)
      .prepare('select work_title, year, kind, countries from published_reviews')
      .get();
    expect(work).toEqual({ work_title: 'Escape', year: 2024, kind: 'film', countries: '["KR"]' });
  });
});
