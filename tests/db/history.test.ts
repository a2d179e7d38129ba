import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { RevisionNotFoundError } from '../../db/reviews/errors';
import {
  getRevisionPair,
  HISTORY_PAGE_SIZE,
  listRevisions,
  restoreRevision,
} from '../../db/reviews/history';
import { publishRevision } from '../../db/reviews/projection';
import { appendRevision, insertReview } from '../../db/reviews/write';
import { auditLog, reviewRevisions, reviews } from '../../db/schema';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import type { ReviewContent } from '../../lib/content/review-content';
import type { RevisionKind } from '../../lib/content/vocabulary';
import { addSignedInUser } from '../support/staff';

// The history page's data layer: listing (with the published revision marked and autosaves
// grouped), comparing and restoring, called as each kind of user. The session mocks are those
// of the authorization matrix.
const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.9' })),
}));

type Who = 'writer' | 'otherWriter' | 'editor';
const staff = {} as Record<Who, { id: number; sid: string }>;
const as = (who: Who | null) => (session.current = who ? { sid: staff[who].sid } : null);

let slugCounter = 0;
const sample = buildSampleReview(readSampleArticle());

/** A review by `authorId` with one revision per entry of `steps`, each a change of headline. */
async function reviewWithHistory(
  authorId: number,
  steps: Array<{ kind: RevisionKind; headline?: string; slug?: string; at?: Date }>,
): Promise<number> {
  return await getDb().transaction(
    async (tx) => {
      // Section ids are unique across reviews once published: each review gets its own.
      const base: ReviewContent = {
        ...sample,
        slug: `history-${++slugCounter}`,
        sections: sample.sections.map((section) => ({ ...section, id: randomUUID() })),
      };
      const { reviewId } = await insertReview(tx, {
        content: { ...base, headline: 'Version one' },
        authorId,
        kind: 'create',
        now: new Date(Date.UTC(2025, 0, 1, 9)),
      });
      let version = 1;
      for (const step of steps) {
        await appendRevision(
          tx,
          { id: reviewId, version },
          {
            content: {
              ...base,
              slug: step.slug ?? base.slug,
              headline: step.headline ?? `Version ${version + 1}`,
            },
            kind: step.kind,
            authorId,
            baseVersion: version,
            now: step.at ?? new Date(Date.UTC(2025, 0, 1, 10, version)),
          },
        );
        version++;
      }
      return reviewId;
    },
    { behavior: 'immediate' },
  );
}

const allRevisions = async (reviewId: number) =>
  await getDb()
    .select()
    .from(reviewRevisions)
    .where(eq(reviewRevisions.reviewId, reviewId))
    .orderBy(asc(reviewRevisions.version));

async function publish(reviewId: number, version: number) {
  const row = (
    await getDb()
      .select({ id: reviewRevisions.id })
      .from(reviewRevisions)
      .where(and(eq(reviewRevisions.reviewId, reviewId), eq(reviewRevisions.version, version)))
  )[0]!;
  await getDb().transaction(
    async (tx) => await publishRevision(tx, { revisionId: row.id, now: new Date() }),
    {
      behavior: 'immediate',
    },
  );
}

beforeAll(async () => {
  await migrateDatabase(getDb());
  staff.writer = await addSignedInUser('writer', 'writer@history.test');
  staff.otherWriter = await addSignedInUser('writer', 'other@history.test');
  staff.editor = await addSignedInUser('editor', 'editor@history.test');
});

beforeEach(() => as('editor'));

describe('listRevisions', () => {
  it('lists the revisions newest first and marks the published one', async () => {
    const id = await reviewWithHistory(staff.writer.id, [
      { kind: 'save', headline: 'Second' },
      { kind: 'save', headline: 'Third' },
    ]);
    await publish(id, 2);
    const history = await listRevisions(id, { page: 1 });
    expect(history.entries.map((entry) => entry.revision.version)).toEqual([3, 2, 1]);
    expect(history.entries.map((entry) => entry.revision.isPublished)).toEqual([
      false,
      true,
      false,
    ]);
    expect(history.publishedVersion).toBe(2);
    expect(history.review).toMatchObject({ id, version: 3, headline: 'Third' });
    expect(history.entries[0]!.revision).toMatchObject({
      kind: 'save',
      baseVersion: 2,
      authorName: 'writer',
      authorId: staff.writer.id,
    });
    expect(history.canRestore).toBe(true);
  });

  it('shows a run of autosaves as one entry, with the others beneath it', async () => {
    const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 11, minute));
    const id = await reviewWithHistory(staff.writer.id, [
      { kind: 'autosave', at: at(2) },
      { kind: 'autosave', at: at(4) },
      { kind: 'autosave', at: at(7) },
      { kind: 'autosave', at: at(9) },
      { kind: 'save', at: at(10) },
    ]);
    const { entries, totalRevisions, totalEntries } = await listRevisions(id, { page: 1 });
    expect(totalRevisions).toBe(6);
    expect(totalEntries).toBe(3);
    const run = entries[1]!;
    expect(run.type).toBe('autosaves');
    expect(run.type === 'autosaves' && run.revisions.map((r) => r.version)).toEqual([5, 4, 3, 2]);
  });

  it('pages by 50 entries and clamps a page past the end', async () => {
    const id = await reviewWithHistory(
      staff.editor.id,
      Array.from({ length: 120 }, () => ({ kind: 'save' as const })),
    );
    const first = await listRevisions(id, { page: 1 });
    expect(first.entries).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.pageCount).toBe(3);
    expect(first.entries[0]!.revision.version).toBe(121);
    const last = await listRevisions(id, { page: 99 });
    expect(last.page).toBe(3);
    expect(last.entries.map((entry) => entry.revision.version)).toEqual(
      Array.from({ length: 21 }, (_, i) => 21 - i),
    );
  });
});

describe('getRevisionPair', () => {
  it('returns both versions’ content', async () => {
    const id = await reviewWithHistory(staff.writer.id, [{ kind: 'save', headline: 'Later' }]);
    const { from, to } = await getRevisionPair(id, 1, 2);
    expect(from).toMatchObject({ version: 1, kind: 'create', authorName: 'writer' });
    expect(from.content.headline).toBe('Version one');
    expect(to.content.headline).toBe('Later');
  });

  it('refuses a version the review does not have', async () => {
    const id = await reviewWithHistory(staff.writer.id, [{ kind: 'save' }]);
    await expect(getRevisionPair(id, 1, 9)).rejects.toBeInstanceOf(RevisionNotFoundError);
    await expect(getRevisionPair(id, 1, 9)).rejects.toThrow('This review has no version 9.');
  });
});

describe('restoreRevision', () => {
  it('appends a new revision with the old content and leaves every revision as it was', async () => {
    const id = await reviewWithHistory(staff.writer.id, [
      { kind: 'save', headline: 'Second' },
      { kind: 'autosave', headline: 'Third' },
    ]);
    await publish(id, 2);
    const before = await allRevisions(id);

    const restored = await restoreRevision(id, 1);
    expect(restored).toEqual({ version: 4, restoredFrom: 1 });

    const after = await allRevisions(id);
    expect(after.slice(0, 3)).toEqual(before);
    const added = after[3]!;
    expect(added).toMatchObject({
      version: 4,
      baseVersion: 3,
      kind: 'restore',
      authorId: staff.editor.id,
      message: 'Restored from version 1',
    });
    expect(JSON.parse(added.content)).toEqual(JSON.parse(before[0]!.content));

    // The working copy is the restored one; what readers see is unchanged until a publish.
    const review = (await getDb().select().from(reviews).where(eq(reviews.id, id)))[0]!;
    expect(review).toMatchObject({ version: 4, headline: 'Version one' });
    expect(review.publishedRevisionId).toBe(before[1]!.id);

    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.restore'), eq(auditLog.targetId, String(id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: staff.editor.id, ip: '203.0.113.9' });
    expect(JSON.parse(audit[0]!.details!)).toEqual({ restoredFrom: 1, version: 4 });

    const history = await listRevisions(id, { page: 1 });
    expect(history.entries[0]!.revision).toMatchObject({ version: 4, kind: 'restore' });
  });

  it('refuses the current version, an identical one and one that does not exist', async () => {
    const id = await reviewWithHistory(staff.writer.id, [
      { kind: 'save', headline: 'Same' },
      { kind: 'save', headline: 'Same' },
    ]);
    await expect(restoreRevision(id, 3)).rejects.toThrow(
      'Version 3 is already the current version.',
    );
    await expect(restoreRevision(id, 2)).rejects.toThrow(/identical to the current version/);
    await expect(restoreRevision(id, 42)).rejects.toBeInstanceOf(RevisionNotFoundError);
    expect(await allRevisions(id)).toHaveLength(3);
  });

  it('refuses a version whose slug another review has taken since', async () => {
    const id = await reviewWithHistory(staff.writer.id, [
      { kind: 'save', slug: 'history-renamed' },
    ]);
    const oldSlug = (await allRevisions(id))[0]!.content;
    const { slug } = JSON.parse(oldSlug) as ReviewContent;
    // Another review now uses the old slug.
    await getDb().transaction(
      async (tx) =>
        await insertReview(tx, {
          content: { ...sample, slug },
          authorId: staff.editor.id,
          kind: 'create',
          now: new Date(),
        }),
      { behavior: 'immediate' },
    );
    const attempt = restoreRevision(id, 1);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid' });
    await expect(restoreRevision(id, 1)).rejects.toThrow(
      `Version 1 cannot be restored: its slug “${slug}” is now used by another review.`,
    );
    expect(await allRevisions(id)).toHaveLength(2);
  });
});

describe('permissions', () => {
  it('refuses anonymous callers everything', async () => {
    const id = await reviewWithHistory(staff.writer.id, [{ kind: 'save' }]);
    as(null);
    await expect(listRevisions(id, { page: 1 })).rejects.toThrow('Sign in to continue.');
    await expect(getRevisionPair(id, 1, 2)).rejects.toThrow('Sign in to continue.');
    await expect(restoreRevision(id, 1)).rejects.toThrow('Sign in to continue.');
    expect(await allRevisions(id)).toHaveLength(2);
  });

  it('keeps writers out of other people’s reviews', async () => {
    const id = await reviewWithHistory(staff.writer.id, [{ kind: 'save' }]);
    as('otherWriter');
    const refused = 'You do not have permission to do that.';
    await expect(listRevisions(id, { page: 1 })).rejects.toThrow(refused);
    await expect(getRevisionPair(id, 1, 2)).rejects.toThrow(refused);
    await expect(restoreRevision(id, 1)).rejects.toThrow(refused);
    expect(await allRevisions(id)).toHaveLength(2);
  });

  it('lets writers restore their own drafts, but only read them once submitted', async () => {
    const id = await reviewWithHistory(staff.writer.id, [{ kind: 'save' }, { kind: 'save' }]);
    as('writer');
    expect((await listRevisions(id, { page: 1 })).canRestore).toBe(true);
    expect(await restoreRevision(id, 1)).toEqual({ version: 4, restoredFrom: 1 });

    await getDb().transaction((tx) =>
      tx.update(reviews).set({ status: 'in_review' }).where(eq(reviews.id, id)),
    );
    const history = await listRevisions(id, { page: 1 });
    expect(history.canRestore).toBe(false);
    expect((await getRevisionPair(id, 1, 2)).to.version).toBe(2);
    await expect(restoreRevision(id, 2)).rejects.toThrow('You do not have permission to do that.');
    expect(await allRevisions(id)).toHaveLength(4);

    // Editors may restore whatever the status.
    as('editor');
    expect((await restoreRevision(id, 2)).version).toBe(5);
  });
});
