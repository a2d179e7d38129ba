import 'server-only';
import { and, eq } from 'drizzle-orm';
import { deepEqual } from '../../lib/content/deep-equal';
import { mergeReviewContent } from '../../lib/content/merge';
import { reviewContentSchema, type ReviewContent } from '../../lib/content/review-content';
import type { SaveKind } from '../../lib/api/contract';
import { invalidInput } from '../../lib/errors/app-error';
import { requireUser } from '../auth/current-user';
import { getDb, type Tx } from '../client';
import { reviewRevisions } from '../schema';
import { MergeConflictError } from './errors';
import { countSave } from './save-rate';
import { assertSlugFree, authorize, loadReview } from './guards';
import { headRevisionId } from './publishing';
import { appendRevision, revisionContent } from './write';

// Saving the editor's content. Every save names the version it was based on. When someone
// else saved in between, their changes and these are merged field by field and section by
// section; only when both changed the same thing is the save refused, with both texts, so
// the person saving decides. The answer goes back only after the transaction has committed.

export type SaveOutcome = {
  version: number;
  /** True when someone else's changes were merged in: the editor should show `content`. */
  merged: boolean;
  /** What is now saved as `version`. */
  content: ReviewContent;
};

async function contentAt(tx: Tx, reviewId: number, version: number): Promise<ReviewContent | null> {
  const [row] = await tx
    .select({ id: reviewRevisions.id })
    .from(reviewRevisions)
    .where(and(eq(reviewRevisions.reviewId, reviewId), eq(reviewRevisions.version, version)));
  return row ? (await revisionContent(tx, row.id)).content : null;
}

export async function saveReview(
  id: number,
  input: { baseVersion: number; content: ReviewContent; kind: SaveKind; message?: string | null },
): Promise<SaveOutcome> {
  const user = await requireUser();
  return getDb().transaction(async (tx) => {
    const review = await loadReview(tx, id);
    authorize(user, 'review:edit', review);
    const headId = await headRevisionId(tx, review);
    const head = (await revisionContent(tx, headId)).content;
    let content = input.content;
    let merged = false;
    if (input.baseVersion !== review.version) {
      const base = await contentAt(tx, id, input.baseVersion);
      if (!base) throw invalidInput('This save names a version the review never had.');
      const result = mergeReviewContent(base, head, input.content);
      if (result.conflicts.length > 0)
        throw new MergeConflictError(review.version, head, result.content, result.conflicts);
      content = checked(result.content);
      merged = !deepEqual(content, input.content);
    }
    if (deepEqual(content, head) && !(await isCheckpoint(tx, headId, input)))
      return { version: review.version, merged, content };
    await assertSlugFree(tx, content.slug, id);
    const now = new Date();
    await countSave(tx, user.id, now);
    const { version } = await appendRevision(tx, review, {
      content,
      kind: input.kind,
      authorId: user.id,
      baseVersion: input.baseVersion,
      message: input.message,
      now,
    });
    return { version, merged, content };
  });
}

/**
 * Whether a save that changes nothing still deserves a revision: a manual save right after an
 * autosave marks that text as deliberately saved (with its note), so it shows in history.
 * An unchanged autosave, or a second click on Save, writes nothing.
 */
async function isCheckpoint(
  tx: Tx,
  headId: number,
  input: { kind: SaveKind; message?: string | null },
) {
  if (input.kind === 'autosave') return false;
  const [head] = await tx
    .select({ kind: reviewRevisions.kind })
    .from(reviewRevisions)
    .where(eq(reviewRevisions.id, headId));
  return head?.kind === 'autosave' || Boolean(input.message);
}

/** A merge of two valid contents can still break a whole-review rule (too many sections). */
function checked(content: ReviewContent): ReviewContent {
  const result = reviewContentSchema.safeParse(content);
  if (!result.success)
    throw invalidInput(
      `Your changes and someone else's cannot be combined: ${result.error.issues[0]?.message ?? 'the result is not valid'}`,
    );
  return result.data;
}
