import 'server-only';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Tx } from '../client';
import { changeRequests, reviewRevisions, users } from '../schema';
import { invalidInput } from '../../lib/errors/app-error';
import type { ReviewRow } from './publishing';

// The notes an editor sends with "Request changes". Written in the workflow step's own
// transaction (db/reviews/workflow.ts requestChanges); read by the editor and by history.

export const MAX_CHANGE_NOTE = 2000;

export type ChangeRequest = {
  version: number;
  note: string;
  requestedBy: string | null;
  createdAt: Date;
};

/** The note, trimmed, or a field error stating the limit. */
export function checkedNote(raw: string): string {
  const note = raw.trim();
  if (note === '') throw invalidInput('Say what should change: the writer sees this note.', 'note');
  if (note.length > MAX_CHANGE_NOTE)
    throw invalidInput(
      `Use at most ${MAX_CHANGE_NOTE.toLocaleString('en')} characters; this is ${note.length.toLocaleString('en')}.`,
      'note',
    );
  return note;
}

export async function insertChangeRequest(
  tx: Tx,
  review: ReviewRow,
  input: { note: string; requestedBy: number; now: Date },
): Promise<void> {
  await tx.insert(changeRequests).values({
    reviewId: review.id,
    version: review.version,
    requestedBy: input.requestedBy,
    note: input.note,
    createdAt: input.now,
  });
}

const selectRequest = {
  version: changeRequests.version,
  note: changeRequests.note,
  requestedBy: users.name,
  createdAt: changeRequests.createdAt,
};

/**
 * The newest note, while it is still the answer to the writer's last submission: once the
 * review is submitted again it is history, not a to-do.
 */
export async function openChangeRequest(tx: Tx, review: ReviewRow): Promise<ChangeRequest | null> {
  if (review.status !== 'draft') return null;
  const [newest] = await tx
    .select(selectRequest)
    .from(changeRequests)
    .leftJoin(users, eq(users.id, changeRequests.requestedBy))
    .where(eq(changeRequests.reviewId, review.id))
    .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id))
    .limit(1);
  if (!newest) return null;
  const [resubmitted] = await tx
    .select({ id: reviewRevisions.id })
    .from(reviewRevisions)
    .where(
      and(
        eq(reviewRevisions.reviewId, review.id),
        eq(reviewRevisions.kind, 'submit'),
        // Submitted since the note: the note has been answered.
        gt(reviewRevisions.version, newest.version),
      ),
    );
  return resubmitted ? null : newest;
}

/** Every note on the review, by the version each was about (for history). */
export async function changeRequestsByVersion(
  tx: Tx,
  reviewId: number,
): Promise<Map<number, ChangeRequest[]>> {
  const rows = await tx
    .select(selectRequest)
    .from(changeRequests)
    .leftJoin(users, eq(users.id, changeRequests.requestedBy))
    .where(eq(changeRequests.reviewId, reviewId))
    .orderBy(changeRequests.createdAt, changeRequests.id);
  const byVersion = new Map<number, ChangeRequest[]>();
  for (const row of rows) byVersion.set(row.version, [...(byVersion.get(row.version) ?? []), row]);
  return byVersion;
}
