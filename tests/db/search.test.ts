import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { engineOf, rawRows, rawRun } from '../../db/engine/dialect';
import { migrateDatabase } from '../../db/migrate';
import {
  searchPublishedReviews,
  snippetSegments,
  SEARCH_PAGE_SIZE,
  type SearchResults,
} from '../../db/queries/search';
import { archive, deleteReview, unpublish } from '../../db/reviews/workflow';
import { publishRevision } from '../../db/reviews/projection';
import { indexMissingReviews } from '../../db/reviews/search-index';
import { appendRevision, insertReview } from '../../db/reviews/write';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { seedSampleReview } from '../../db/seed/seed';
import { doc, paragraph, textRun } from '../../lib/content/rich-text/build';
import type { ReviewContent, ReviewSection } from '../../lib/content/review-content';
import { addSignedInUser } from '../support/staff';

// Reader search over the published projection. Workflow steps run as a signed-in editor, with
// the session mocks of the authorization matrix.
const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.9' })),
}));

const sample = buildSampleReview(readSampleArticle());
let counter = 0;

function section(text: string, options: Partial<ReviewSection> = {}): ReviewSection {
  return {
    id: randomUUID(),
    kind: 'plot',
    heading: 'Plot Summary',
    spoiler: false,
    body: doc([paragraph(textRun(text))]),
    ...options,
  };
}

/** A small publishable review. */
function content(fields: {
  headline?: string;
  dek?: string;
  title?: string;
  sections?: ReviewSection[];
  credits?: ReviewContent['credits'];
}): ReviewContent {
  const n = ++counter;
  return {
    ...sample,
    slug: `search-test-${n}`,
    headline: fields.headline ?? `Search test review ${n}`,
    dek: fields.dek ?? '',
    work: { ...sample.work, title: fields.title ?? `Test work ${n}`, originalTitle: null },
    credits: fields.credits ?? [],
    genres: [],
    posterMediaId: null,
    sections: fields.sections ?? [section('Nothing much happens.')],
  };
}

async function create(reviewContent: ReviewContent, options: { publish: boolean }) {
  return await getDb().transaction(
    async (tx) => {
      const now = new Date();
      const created = await insertReview(tx, {
        content: reviewContent,
        authorId: null,
        kind: 'create',
        now,
      });
      if (options.publish) await publishRevision(tx, { revisionId: created.revisionId, now });
      return created;
    },
    { behavior: 'immediate' },
  );
}

const slugs = (found: SearchResults) => found.results.map((result) => result.slug);
const highlighted = (found: SearchResults, index = 0) =>
  found.results[index]!.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase());
const snippetText = (found: SearchResults, index = 0) =>
  found.results[index]!.snippet.map((s) => s.text).join('');

beforeAll(async () => {
  const db = getDb();
  await migrateDatabase(db);
  await seedSampleReview(db);
  const editor = await addSignedInUser('editor', 'search-editor@example.test');
  session.current = { sid: editor.sid };
});

describe('searchPublishedReviews', () => {
  it('finds the sample review by a word of its text, with the words highlighted', async () => {
    const found = await searchPublishedReviews('Gyu-nam');
    expect(slugs(found)).toContain('escape-2024');
    const result = found.results.find((r) => r.slug === 'escape-2024')!;
    expect(result).toMatchObject({
      headline: 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival',
      workTitle: 'Escape',
      year: 2024,
      kind: 'film',
    });
    expect(new Date(result.publishedAt).toISOString()).toBe(result.publishedAt);
    const marks = result.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase());
    expect(marks).toEqual(expect.arrayContaining(['gyu', 'nam']));
    expect(found).toMatchObject({ page: 1, pageSize: SEARCH_PAGE_SIZE });
  });

  it('finds a review by a person and by a character', async () => {
    expect(slugs(await searchPublishedReviews('Lee Jong-pil'))).toContain('escape-2024');
    expect(slugs(await searchPublishedReviews('Major Ri Hyun-sang'))).toContain('escape-2024');
  });

  it('matches the last word as a prefix, and accents either way', async () => {
    await create(
      content({ headline: 'A crème brûlée of a film', sections: [section('Quixotically.')] }),
      {
        publish: true,
      },
    );
    expect((await searchPublishedReviews('creme brulee')).total).toBe(1);
    expect((await searchPublishedReviews('crème brûlée')).total).toBe(1);
    expect((await searchPublishedReviews('quixot')).total).toBe(1);
  });

  it('highlights a word searched without its accents as it is written', async () => {
    await create(
      content({
        dek: 'Amélie runs a café in Montmartre.',
        sections: [section('Nothing much happens.')],
      }),
      { publish: true },
    );
    const found = await searchPublishedReviews('amelie cafe');
    expect(found.total).toBe(1);
    expect(found.results[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual([
      'Amélie',
      'café',
    ]);
    expect(snippetText(found)).toBe('Amélie runs a café in Montmartre.');
  });

  it('cuts a long text around the match, with an ellipsis where it is cut', async () => {
    const words = Array.from({ length: 80 }, (_, i) => `ocelot${i}`);
    words[40] = 'ocelotine';
    await create(content({ sections: [section(`${words.join(' ')}.`)] }), { publish: true });
    const middle = snippetText(await searchPublishedReviews('ocelotine'));
    // (FTS5 centres the match in its window of words; ts_headline starts the window at it.)
    expect(middle.startsWith('…') && middle.endsWith('…')).toBe(true);
    expect(middle).toContain('ocelotine ocelot41 ocelot42');
    expect(middle.split(' ').length).toBeLessThanOrEqual(26);
    // At the end of the text: no ellipsis after it, its full stop kept.
    const end = snippetText(await searchPublishedReviews('ocelot79'));
    expect(end.startsWith('…') && end.endsWith(' ocelot79.')).toBe(true);
  });

  it('ranks a headline match above a body match', async () => {
    await create(content({ sections: [section('A zephyrine mood runs through the body.')] }), {
      publish: true,
    });
    await create(content({ headline: 'The zephyrine headline' }), { publish: true });
    const found = await searchPublishedReviews('zephyrine');
    expect(found.total).toBe(2);
    expect(found.results.map((r) => r.headline)).toEqual([
      'The zephyrine headline',
      expect.stringMatching(/^Search test review/),
    ]);
    // The body match shows the body's words around the match.
    expect(highlighted(found, 1)).toEqual(['zephyrine']);
    // The section's heading and text are indexed one a line and read as one in the snippet.
    expect(snippetText(found, 1)).toBe('Plot Summary · A zephyrine mood runs through the body.');
  });

  it('never finds a draft', async () => {
    await create(
      content({ headline: 'Quokkalicious draft', sections: [section('Quokkalicious.')] }),
      {
        publish: false,
      },
    );
    expect((await searchPublishedReviews('quokkalicious')).total).toBe(0);
  });

  it('finds the published revision, not a newer draft revision', async () => {
    const original = content({ sections: [section('The published words: marmoset.')] });
    const { reviewId } = await create(original, { publish: true });
    await getDb().transaction(
      async (tx) =>
        await appendRevision(
          tx,
          { id: reviewId, version: 1 },
          {
            content: { ...original, sections: [section('Unpublished words: capybara.')] },
            kind: 'save',
            authorId: null,
            baseVersion: 1,
            now: new Date(),
          },
        ),
      { behavior: 'immediate' },
    );
    expect((await searchPublishedReviews('marmoset')).total).toBe(1);
    expect((await searchPublishedReviews('capybara')).total).toBe(0);
  });

  it('follows a republished review: the old words go, the new ones come', async () => {
    const first = content({ sections: [section('First words: axolotl.')] });
    const { reviewId } = await create(first, { publish: true });
    await getDb().transaction(
      async (tx) => {
        const { revisionId } = await appendRevision(
          tx,
          { id: reviewId, version: 1 },
          {
            content: { ...first, sections: [section('Second words: pangolin.')] },
            kind: 'save',
            authorId: null,
            baseVersion: 1,
            now: new Date(),
          },
        );
        await publishRevision(tx, { revisionId, now: new Date() });
      },
      { behavior: 'immediate' },
    );
    expect((await searchPublishedReviews('axolotl')).total).toBe(0);
    expect((await searchPublishedReviews('pangolin')).total).toBe(1);
  });

  it('loses a review that is unpublished, archived or deleted', async () => {
    const ids: number[] = [];
    for (const word of ['wombatone', 'wombattwo', 'wombatthree']) {
      const created = await create(
        content({ headline: `The ${word} review`, sections: [section(word)] }),
        { publish: true },
      );
      ids.push(created.reviewId);
    }
    expect((await searchPublishedReviews('wombatone')).total).toBe(1);
    expect((await searchPublishedReviews('wombattwo')).total).toBe(1);
    expect((await searchPublishedReviews('wombatthree')).total).toBe(1);

    await unpublish(ids[0]!);
    await archive(ids[1]!);
    await deleteReview(ids[2]!);
    expect((await searchPublishedReviews('wombatone')).total).toBe(0);
    expect((await searchPublishedReviews('wombattwo')).total).toBe(0);
    expect((await searchPublishedReviews('wombatthree')).total).toBe(0);
    // The index rows are gone, not just filtered out by the join.
    // The row's key is the FTS5 rowid on SQLite, a review_id column on PostgreSQL.
    const key = sql.raw(engineOf(getDb()) === 'postgres' ? 'review_id' : 'rowid');
    const [rows] = await rawRows<{ n: number }>(
      getDb(),
      sql`select cast(count(*) as integer) as n from review_search where ${key} in (${sql.join(ids, sql`, `)})`,
    );
    expect(rows!.n).toBe(0);
  });

  it('never finds or shows the text of a spoiler section', async () => {
    await create(
      content({
        headline: 'A review with a twist',
        sections: [
          section('The hedgehog walks into the lighthouse at dawn.'),
          section('In the end the hedgehog is the narwhal in disguise.', {
            kind: 'themes',
            heading: 'The ending explained',
            spoiler: true,
          }),
        ],
      }),
      { publish: true },
    );
    expect((await searchPublishedReviews('narwhal')).total).toBe(0);
    expect((await searchPublishedReviews('disguise')).total).toBe(0);
    expect((await searchPublishedReviews('ending explained')).total).toBe(0);
    const found = await searchPublishedReviews('hedgehog');
    expect(found.total).toBe(1);
    expect(snippetText(found)).toContain('lighthouse');
    expect(snippetText(found)).not.toMatch(/narwhal|disguise/);
  });

  it('pages through results, 20 at a time', async () => {
    for (let i = 0; i < 23; i++)
      await create(content({ sections: [section(`Lemurine number ${i}.`)] }), { publish: true });
    const first = await searchPublishedReviews('lemurine');
    expect(first.total).toBe(23);
    expect(first.results).toHaveLength(20);
    const second = await searchPublishedReviews('lemurine', { page: 2 });
    expect(second.results).toHaveLength(3);
    expect(new Set([...slugs(first), ...slugs(second)]).size).toBe(23);
    expect(await searchPublishedReviews('lemurine', { page: 3 })).toMatchObject({
      results: [],
      total: 23,
      page: 3,
    });
    // Nonsense page numbers fall back to sane ones.
    expect((await searchPublishedReviews('lemurine', { page: Number.NaN })).page).toBe(1);
    expect((await searchPublishedReviews('lemurine', { page: -4 })).page).toBe(1);
  });

  it('answers nasty input with results or nothing, never an error', async () => {
    const inputs = [
      '',
      '"',
      '*',
      'AND',
      'OR NOT',
      'NEAR(',
      'NEAR(escape freedom, 2)',
      'col:term',
      'headline:escape',
      '{headline}: escape',
      '^escape',
      '(escape',
      "'; drop table review_search; --",
      '😀',
      '🎬 escape',
      '\u0000\u0002\u0003',
      '\uD800',
      'x'.repeat(1000),
      'escape '.repeat(200),
      '탈주',
      'Ελευθερία',
    ];
    for (const q of inputs) {
      const found = await searchPublishedReviews(q);
      expect(found.results.length).toBeLessThanOrEqual(SEARCH_PAGE_SIZE);
      expect(found.total).toBeGreaterThanOrEqual(found.results.length);
    }
    expect((await searchPublishedReviews('"')).total).toBe(0);
    expect(slugs(await searchPublishedReviews('🎬 escape'))).toContain('escape-2024');
  });

  it('backfills published reviews missing from the index', async () => {
    const db = getDb();
    await db.transaction(async (tx) => await rawRun(tx, sql`delete from review_search`), {
      behavior: 'immediate',
    });
    expect((await searchPublishedReviews('Gyu-nam')).total).toBe(0);
    const [published] = await rawRows<{ n: number }>(
      db,
      sql`select cast(count(*) as integer) as n from published_reviews`,
    );
    expect(await indexMissingReviews(db)).toBe(published!.n);
    expect(slugs(await searchPublishedReviews('Gyu-nam'))).toContain('escape-2024');
    expect(await indexMissingReviews(db)).toBe(0);
  });
});

describe('snippetSegments', () => {
  it('splits FTS5 marks into plain and highlighted runs', () => {
    expect(snippetSegments('…the \u0002Gyu\u0003-\u0002nam\u0003 plan')).toEqual([
      { text: '…the ', match: false },
      { text: 'Gyu', match: true },
      { text: '-', match: false },
      { text: 'nam', match: true },
      { text: ' plan', match: false },
    ]);
    expect(snippetSegments('')).toEqual([]);
    expect(snippetSegments('<b>not html</b>')).toEqual([{ text: '<b>not html</b>', match: false }]);
  });
});
