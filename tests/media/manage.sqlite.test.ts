import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { findMediaUses, lastRevisionId } from '../../db/media/manage';
import { migrateDatabase } from '../../db/migrate';
import { appendRevision, insertReview } from '../../db/reviews/write';
import { reviews } from '../../db/schema';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import type { ReviewContent } from '../../lib/content/review-content';
import { rawSqlite } from '../support/raw-sqlite';
import { recordedStatements } from '../support/recorded-statements';
import { addLibraryImage } from '../support/library-image';

// The SQLite side of tests/media/manage.test.ts: how SQLite's planner runs the queries that
// find where an image is used (EXPLAIN QUERY PLAN). What they find is checked on both engines
// there. Finding uses reads rows only, so the images here have no files.

beforeAll(async () => {
  await migrateDatabase(getDb());
});

/** A library image (its row only). */
async function addImage(): Promise<number> {
  return addLibraryImage(null, { alt: 'A still from the film' });
}

const imageNode = (id: number) => ({
  type: 'image',
  attrs: { src: `/media/${id}/1280.webp`, alt: 'A still', title: null },
});

let slugs = 0;
/** The sample review with `poster` and `inText` images (appended to its first section). */
function content(
  { poster = null, inText = [] }: { poster?: number | null; inText?: number[] } = {},
  headline = 'A review',
): ReviewContent {
  const sample = buildSampleReview(readSampleArticle());
  const sections = sample.sections.map((section, index) =>
    index === 0
      ? {
          ...section,
          body: {
            ...section.body,
            content: [...(section.body.content ?? []), ...inText.map(imageNode)],
          },
        }
      : section,
  );
  return { ...sample, headline, slug: `uses-${++slugs}`, posterMediaId: poster, sections };
}

async function draft(value: ReviewContent): Promise<number> {
  return await getDb().transaction(
    async (tx) =>
      (await insertReview(tx, { content: value, authorId: null, kind: 'create', now: new Date() }))
        .reviewId,
    { behavior: 'immediate' },
  );
}

/** Saves `value` as review `id`'s newest revision, keeping its slug. */
async function revise(id: number, value: ReviewContent): Promise<void> {
  await getDb().transaction(
    async (tx) => {
      const review = (await tx.select().from(reviews).where(eq(reviews.id, id)))[0]!;
      await appendRevision(
        tx,
        { id, version: review.version },
        {
          content: { ...value, slug: review.slug },
          kind: 'save',
          authorId: review.authorId,
          baseVersion: review.version,
          now: new Date(),
        },
      );
    },
    { behavior: 'immediate' },
  );
}

describe('where an image is used: the queries', () => {
  let sqlite: Database.Database;
  beforeAll(() => {
    sqlite = rawSqlite(getDb());
  });

  /** The query plans of the statements findMediaUses prepares. */
  async function plans(
    mediaId: number,
    options?: { afterRevisionId: number },
  ): Promise<string[][]> {
    const statements = await recordedStatements(getDb(), () =>
      findMediaUses(getDb(), mediaId, options),
    );
    return statements.map((statement) =>
      (
        sqlite.prepare(`explain query plan ${statement.sql}`).all(...statement.params) as Array<{
          detail: string;
        }>
      ).map((row) => row.detail),
    );
  }

  it('read only the reviews whose newest revision names the image, by index', async () => {
    const image = await addImage();
    await draft(content({ poster: image }));
    const [heads, published] = await plans(image);
    // From working_media's media_id index to each review and its head revision by key.
    expect(heads).toContainEqual(
      expect.stringMatching(
        /^SEARCH working_media USING (COVERING )?INDEX working_media_media_idx \(media_id=\?\)$/,
      ),
    );
    expect(heads).toContain('SEARCH reviews USING INTEGER PRIMARY KEY (rowid=?)');
    expect(heads).toContainEqual(
      expect.stringMatching(
        /^SEARCH review_revisions USING INDEX review_revisions_review_version_unique \(review_id=\? AND version=\?\)$/,
      ),
    );
    expect(heads!.filter((detail) => detail.startsWith('SCAN'))).toEqual([]);
    // The published side starts from published_media's media_id index.
    expect(published).toContainEqual(
      expect.stringMatching(
        /^SEARCH published_media USING (COVERING )?INDEX published_media_media_idx \(media_id=\?\)$/,
      ),
    );
    expect(published!.filter((detail) => detail.startsWith('SCAN'))).toEqual([]);
  });

  it('after a revision, read only the heads written since, by index', async () => {
    const image = await addImage();
    const before = await draft(content({ poster: image }, 'Before the look'));
    const after = await lastRevisionId(getDb());
    await draft(content({ inText: [image] }, 'Since the look'));
    await revise(before, content({}, 'Before the look'));
    const [heads] = await plans(image, { afterRevisionId: after });
    expect(heads).toContainEqual(
      expect.stringMatching(
        /^SEARCH working_media USING (COVERING )?INDEX working_media_media_idx/,
      ),
    );
    expect(heads).toContain('SEARCH reviews USING INTEGER PRIMARY KEY (rowid=?)');
  });
});
