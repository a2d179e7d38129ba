import { and, count, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { MergeConflictError } from '../../db/reviews/errors';
import { heartbeat, leave } from '../../db/reviews/presence';
import { saveReview } from '../../db/reviews/save';
import { insertReview, revisionContent } from '../../db/reviews/write';
import { reviewRevisions, reviews } from '../../db/schema';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import type { ReviewContent } from '../../lib/content/review-content';
import { doc, paragraph, textRun } from '../../lib/content/rich-text/build';
import { addSignedInUser } from '../support/staff';

// Saving through the data layer as the editor does: merges of concurrent edits, conflicts,
// autosave rules and presence. The session mocks are those of the authorization matrix.
const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.7' })),
}));

const sids: Record<'ana' | 'ben', string> = { ana: '', ben: '' };
const as = (who: keyof typeof sids) => (session.current = { sid: sids[who] });
const body = (text: string) =>
  doc([paragraph(textRun(text))]) as ReviewContent['sections'][0]['body'];

let slugCounter = 0;
async function newReview(): Promise<{ id: number; content: ReviewContent }> {
  const content = { ...buildSampleReview(readSampleArticle()), slug: `save-${++slugCounter}` };
  const id = await getDb().transaction(
    async (tx) =>
      (await insertReview(tx, { content, authorId: null, kind: 'create', now: new Date() }))
        .reviewId,
    { behavior: 'immediate' },
  );
  return { id, content };
}

function withSection(content: ReviewContent, index: number, text: string): ReviewContent {
  return {
    ...content,
    sections: content.sections.map((s, i) => (i === index ? { ...s, body: body(text) } : s)),
  };
}

const revisionCount = async (reviewId: number) =>
  (
    await getDb()
      .select({ n: count() })
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, reviewId))
  )[0]!.n;

async function savedContent(reviewId: number, version: number): Promise<ReviewContent> {
  const row = (
    await getDb()
      .select({ id: reviewRevisions.id })
      .from(reviewRevisions)
      .where(and(eq(reviewRevisions.reviewId, reviewId), eq(reviewRevisions.version, version)))
  )[0]!;
  return (await revisionContent(getDb(), row.id)).content;
}

beforeAll(async () => {
  await migrateDatabase(getDb());
  sids.ana = (await addSignedInUser('editor', 'ana@save.test')).sid;
  sids.ben = (await addSignedInUser('editor', 'ben@save.test')).sid;
});

beforeEach(() => as('ana'));

describe('saving a review', () => {
  it('appends a revision naming its base version, kind and note', async () => {
    const { id, content } = await newReview();
    const saved = await saveReview(id, {
      baseVersion: 1,
      kind: 'save',
      message: 'First pass',
      content: { ...content, headline: 'New headline' },
    });
    expect(saved).toMatchObject({ version: 2, merged: false });
    const row = (
      await getDb()
        .select()
        .from(reviewRevisions)
        .where(and(eq(reviewRevisions.reviewId, id), eq(reviewRevisions.version, 2)))
    )[0]!;
    expect(row).toMatchObject({ baseVersion: 1, kind: 'save', message: 'First pass' });
    const summary = (await getDb().select().from(reviews).where(eq(reviews.id, id)))[0]!;
    expect(summary).toMatchObject({ version: 2, headline: 'New headline' });
  });

  it('merges two people who changed different sections: both changes are kept', async () => {
    const { id, content } = await newReview();
    as('ana');
    await saveReview(id, { baseVersion: 1, kind: 'save', content: withSection(content, 0, 'Ana') });
    as('ben');
    const ben = await saveReview(id, {
      baseVersion: 1,
      kind: 'save',
      content: withSection(content, 7, 'Ben'),
    });
    expect(ben).toMatchObject({ version: 3, merged: true });
    const latest = await savedContent(id, 3);
    expect(latest.sections[0]!.body).toEqual(body('Ana'));
    expect(latest.sections[7]!.body).toEqual(body('Ben'));
    expect(ben.content).toEqual(latest);
  });

  it('refuses a save that changed the same section, with both texts, writing nothing', async () => {
    const { id, content } = await newReview();
    as('ana');
    await saveReview(id, { baseVersion: 1, kind: 'save', content: withSection(content, 1, 'Ana') });
    as('ben');
    const refused = saveReview(id, {
      baseVersion: 1,
      kind: 'save',
      content: withSection(content, 1, 'Ben'),
    });
    await expect(refused).rejects.toBeInstanceOf(MergeConflictError);
    const error = (await refused.catch((e: unknown) => e)) as MergeConflictError;
    expect(error.currentVersion).toBe(2);
    expect(error.conflicts).toHaveLength(1);
    expect(error.conflicts[0]).toMatchObject({ theirs: body('Ana'), mine: body('Ben') });
    expect(await revisionCount(id)).toBe(2);

    // Resolved on top of their version, the merge is saved.
    const resolved = await saveReview(id, {
      baseVersion: error.currentVersion,
      kind: 'save',
      content: withSection(error.merged, 1, 'Ana and Ben'),
    });
    expect((await savedContent(id, resolved.version)).sections[1]!.body).toEqual(
      body('Ana and Ben'),
    );
  });

  it('writes no revision for an autosave that changes nothing', async () => {
    const { id, content } = await newReview();
    expect(await saveReview(id, { baseVersion: 1, kind: 'autosave', content })).toMatchObject({
      version: 1,
    });
    expect(await revisionCount(id)).toBe(1);
  });

  it('keeps a manual save after an autosave of the same text as a revision of its own', async () => {
    const { id, content } = await newReview();
    const changed = { ...content, dek: 'Autosaved dek.' };
    await saveReview(id, { baseVersion: 1, kind: 'autosave', content: changed });
    const saved = await saveReview(id, { baseVersion: 2, kind: 'save', content: changed });
    expect(saved.version).toBe(3);
    // A second click writes nothing more.
    expect((await saveReview(id, { baseVersion: 3, kind: 'save', content: changed })).version).toBe(
      3,
    );
  });

  it('lets a save with no changes fetch what others saved (the editor pulls this way)', async () => {
    const { id, content } = await newReview();
    await saveReview(id, { baseVersion: 1, kind: 'save', content: withSection(content, 2, 'New') });
    as('ben');
    const pulled = await saveReview(id, { baseVersion: 1, kind: 'autosave', content });
    expect(pulled).toMatchObject({ version: 2, merged: true });
    expect(pulled.content.sections[2]!.body).toEqual(body('New'));
    expect(await revisionCount(id)).toBe(2);
  });

  it('refuses a base version the review never had', async () => {
    const { id, content } = await newReview();
    await expect(saveReview(id, { baseVersion: 9, kind: 'save', content })).rejects.toThrow(
      /never had/,
    );
  });

  it('50 parallel saves of the same field on one base: one succeeds, 49 conflict', async () => {
    const { id, content } = await newReview();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, n) =>
        saveReview(id, { baseVersion: 1, kind: 'save', content: { ...content, dek: `Dek ${n}` } }),
      ),
    );
    const saved = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(saved).toHaveLength(1);
    expect(refused.every((o) => o.reason instanceof MergeConflictError)).toBe(true);
    expect(await revisionCount(id)).toBe(1 + saved.length);
  });
});

describe('presence', () => {
  it('shows who else has the review open, until they leave', async () => {
    const { id } = await newReview();
    as('ana');
    expect((await heartbeat(id)).editors).toEqual([]);
    as('ben');
    expect((await heartbeat(id)).editors.map((e) => e.name)).toEqual(['ana']);
    as('ana');
    const seen = await heartbeat(id);
    expect(seen).toMatchObject({ version: 1, editors: [{ name: 'ben' }] });
    as('ben');
    await leave(id);
    as('ana');
    expect((await heartbeat(id)).editors).toEqual([]);
  });

  it('forgets people whose heartbeat stopped', async () => {
    const { id } = await newReview();
    as('ben');
    await heartbeat(id, new Date(Date.now() - 60_000));
    as('ana');
    expect((await heartbeat(id)).editors).toEqual([]);
  });
});
