import { randomUUID } from 'node:crypto';
import { revalidateTag } from 'next/cache';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { createReview } from '../../db/reviews/editing';
import {
  archive,
  deleteReview,
  publishNow,
  schedulePublication,
  submitForReview,
  unpublish,
} from '../../db/reviews/workflow';
import { reviewRevisions } from '../../db/schema';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { READER_TAG } from '../../lib/cache/reader-cache';
import { addSignedInUser } from '../support/staff';

// A workflow step that changes what readers see expires the reader cache itself, after its
// transaction commits; the callers (the editor's Server Action, the JSON publish route) no longer
// have to remember to. Steps readers cannot see leave the cache alone.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));

const expired = vi.mocked(revalidateTag);
const sample = buildSampleReview(readSampleArticle());
let editor: { sid: string };
let writer: { sid: string };
let counter = 0;

beforeAll(async () => {
  await migrateDatabase(getDb());
  editor = await addSignedInUser('editor', 'cache-editor@example.com');
  writer = await addSignedInUser('writer', 'cache-writer@example.com');
});
beforeEach(() => expired.mockClear());

/** The sample review under a new slug, with section ids of its own (they are unique site-wide). */
const copyOfSample = (changes: Partial<typeof sample> = {}) => ({
  ...sample,
  slug: `cache-test-${++counter}`,
  sections: sample.sections.map((section) => ({ ...section, id: randomUUID() })),
  ...changes,
});

async function newReview(as: { sid: string }) {
  session.current = as;
  const { id } = await createReview(copyOfSample());
  expired.mockClear();
  return id;
}

describe('workflow steps and the reader cache', () => {
  it.each([
    ['publish', (id: number) => publishNow(id)],
    ['unpublish', async (id: number) => (await publishNow(id), expired.mockClear(), unpublish(id))],
    ['archive', async (id: number) => (await publishNow(id), expired.mockClear(), archive(id))],
    ['delete', async (id: number) => (await publishNow(id), expired.mockClear(), deleteReview(id))],
  ])('%s expires the reader pages once, at once', async (_step, step) => {
    const id = await newReview(editor);
    await step(id);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(expired).toHaveBeenCalledWith(READER_TAG, { expire: 0 });
  });

  it('leaves them alone for steps readers cannot see', async () => {
    const submitted = await newReview(writer);
    await submitForReview(submitted);
    session.current = editor;
    await schedulePublication(submitted, new Date(Date.now() + 86_400_000));
    expect(expired).not.toHaveBeenCalled();
  });

  it('expires nothing when the step is refused, and leaves no "publish" revision behind', async () => {
    const id = await newReview(editor);
    const before = await getDb()
      .select()
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, id));
    session.current = writer;
    await expect(publishNow(id)).rejects.toMatchObject({ code: 'forbidden' });
    session.current = editor;
    const { id: incomplete } = await createReview(copyOfSample({ headline: '' }));
    expired.mockClear();
    await expect(publishNow(incomplete)).rejects.toMatchObject({ code: 'not_publishable' });
    expect(expired).not.toHaveBeenCalled();
    const kinds = (
      await getDb()
        .select({ kind: reviewRevisions.kind })
        .from(reviewRevisions)
        .where(eq(reviewRevisions.reviewId, incomplete))
    ).map((row) => row.kind);
    expect(kinds).toEqual(['create']);
    expect(
      await getDb().select().from(reviewRevisions).where(eq(reviewRevisions.reviewId, id)),
    ).toEqual(before);
  });
});
