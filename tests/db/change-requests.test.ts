import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { auditLog, reviews } from '../../db/schema';
import type { AppError } from '../../lib/errors/app-error';
import { newReviewContent } from '../../lib/content/new-review';
import { addSignedInUser } from '../support/staff';

// "Request changes": an editor sends a submitted review back to its writer with a note; the
// writer sees it until submitting again; history keeps it; the audit log records it.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));

let writer: { id: number; sid: string };
let editor: { id: number; sid: string };

beforeAll(async () => {
  await migrateDatabase(getDb());
  writer = await addSignedInUser('writer', 'cr-writer@example.com');
  editor = await addSignedInUser('editor', 'cr-editor@example.com');
});

const as = (user: { sid: string }) => (session.current = { sid: user.sid });

describe('request changes', () => {
  it('sends a submitted review back to its writer with a note, until submitted again', async () => {
    const editing = {
      ...(await import('../../db/reviews/editing')),
      ...(await import('../../db/reviews/workflow')),
    };
    const { listRevisions } = await import('../../db/reviews/history');
    as(writer);
    const { id } = await editing.createReview({ ...newReviewContent(), slug: 'sent-back' });
    // Only a review in review can be sent back, and only by an editor or admin.
    as(editor);
    await expect(editing.requestChanges(id, 'Too early.')).rejects.toThrow(/submitted for review/);
    as(writer);
    await editing.submitForReview(id);
    await expect(editing.requestChanges(id, 'Please.')).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await editing.getReviewForEditing(id)).permissions.requestChanges).toBe(false);

    as(editor);
    expect((await editing.getReviewForEditing(id)).permissions.requestChanges).toBe(true);
    const empty = await editing.requestChanges(id, '   ').catch((error: unknown) => error);
    expect(empty).toMatchObject({ code: 'invalid' });
    expect((empty as AppError).field).toBe('note');
    const long = await editing.requestChanges(id, 'x'.repeat(2_001)).catch((e: unknown) => e);
    expect((long as Error).message).toBe('Use at most 2,000 characters; this is 2,001.');
    await editing.requestChanges(id, '  The verdict needs a rating.  ');

    const row = (await getDb().select().from(reviews).where(eq(reviews.id, id)))[0]!;
    expect(row.status).toBe('draft');
    as(writer);
    const opened = await editing.getReviewForEditing(id);
    expect(opened.permissions.edit).toBe(true);
    expect(opened.changesRequested).toMatchObject({
      note: 'The verdict needs a rating.',
      requestedBy: 'cr-editor',
    });
    const history = await listRevisions(id, { page: 1 });
    expect(history.changeRequests).toEqual([
      expect.objectContaining({ note: 'The verdict needs a rating.', version: 2 }),
    ]);
    expect(
      await getDb().select().from(auditLog).where(eq(auditLog.action, 'review.request_changes')),
    ).toEqual([expect.objectContaining({ actorId: editor.id, targetId: String(id) })]);

    await editing.submitForReview(id);
    as(editor);
    expect((await editing.getReviewForEditing(id)).changesRequested).toBeNull();
  });
});
