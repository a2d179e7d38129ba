import 'server-only';
import { eq } from 'drizzle-orm';
import { can, type Action } from '../../lib/auth/permissions';
import { publishChecklist } from '../../lib/content/publish-checklist';
import type { ReviewContent } from '../../lib/content/review-content';
import type { ReviewStatus } from '../../lib/content/vocabulary';
import { invalidInput } from '../../lib/errors/app-error';
import { recordAudit } from '../auth/audit';
import { requestIp, requirePermission, requireUser, type CurrentUser } from '../auth/current-user';
import { getDb, type Tx } from '../client';
import { publishedReviews, reviewRevisions, reviews } from '../schema';
import {
  checkedNote,
  insertChangeRequest,
  openChangeRequest,
  type ChangeRequest,
} from './change-requests';
import { notPublishableError, reviewNotFoundError } from './errors';
import { countSave } from './save-rate';
import { assertSlugFree, authorize, loadReview } from './guards';
import { headRevisionId, publishHead, type ReviewRow } from './publish-head';
import { appendRevision, insertReview, revisionContent } from './write';

// Editing and workflow. Every function finds out who is asking and checks the permission map
// against the review itself, inside the same IMMEDIATE transaction that writes, so a Server
// Action posted directly is held to exactly the same rules as the editor's buttons.

export type EditableReview = {
  id: number;
  status: ReviewStatus;
  version: number;
  content: ReviewContent;
  isPublished: boolean;
  hasUnpublishedChanges: boolean;
  scheduledFor: Date | null;
  updatedAt: Date;
  permissions: Record<
    'edit' | 'submit' | 'requestChanges' | 'publish' | 'unpublish' | 'archive' | 'delete',
    boolean
  >;
  /** An editor's note asking for changes, until the writer submits again. */
  changesRequested: ChangeRequest | null;
};

/** The working copy of a review for the editor, if the caller may read it. */
export async function getReviewForEditing(id: number): Promise<EditableReview> {
  const user = await requireUser();
  const db = getDb();
  const [review] = await db.select().from(reviews).where(eq(reviews.id, id)).limit(1);
  if (!review) throw reviewNotFoundError();
  authorize(user, 'review:read', review);
  const { content } = revisionContent(db, headRevisionId(db, review));
  const [published] = await db
    .select({ revisionId: publishedReviews.revisionId })
    .from(publishedReviews)
    .where(eq(publishedReviews.reviewId, id))
    .limit(1);
  const publishedVersion = published
    ? ((
        await db
          .select({ version: reviewRevisions.version })
          .from(reviewRevisions)
          .where(eq(reviewRevisions.id, published.revisionId))
          .limit(1)
      )[0]?.version ?? 0)
    : null;
  const resource = { authorId: review.authorId, status: review.status };
  return {
    id: review.id,
    status: review.status,
    version: review.version,
    content,
    isPublished: published !== undefined,
    hasUnpublishedChanges: publishedVersion !== null && publishedVersion < review.version,
    scheduledFor: review.scheduledFor,
    updatedAt: review.updatedAt,
    permissions: {
      edit: can(user, 'review:edit', resource),
      submit: can(user, 'review:submit', resource) && review.status === 'draft',
      requestChanges:
        can(user, 'review:request-changes', resource) && review.status === 'in_review',
      publish: can(user, 'review:publish', resource),
      unpublish: can(user, 'review:unpublish', resource) && published !== undefined,
      archive: can(user, 'review:archive', resource) && review.status !== 'archived',
      delete: can(user, 'review:delete', resource),
    },
    changesRequested: openChangeRequest(db, review),
  };
}

/** Starts a review from the editor's first save. Returns its id and version. */
export async function createReview(
  content: ReviewContent,
): Promise<{ id: number; version: number }> {
  const user = await requirePermission('review:create');
  const ip = await requestIp();
  return getDb().transaction(
    (tx) => {
      assertSlugFree(tx, content.slug, null);
      const now = new Date();
      // A new review stores a revision like any save: the same per-person limit.
      countSave(tx, user.id, now);
      const { reviewId } = insertReview(tx, { content, authorId: user.id, kind: 'create', now });
      recordAudit(
        tx,
        {
          action: 'review.create',
          actor: user,
          ip,
          target: { type: 'review', id: reviewId, label: content.headline || content.slug },
        },
        now,
      );
      return { id: reviewId, version: 1 };
    },
    { behavior: 'immediate' },
  );
}

/** Runs one workflow step on a review in an IMMEDIATE transaction, after the permission check. */
async function workflowStep<T>(
  id: number,
  action: Action,
  step: (
    tx: Tx,
    review: ReviewRow,
    context: { user: CurrentUser; ip: string | null; now: Date },
  ) => T,
): Promise<T> {
  const user = await requireUser();
  const ip = await requestIp();
  return getDb().transaction(
    (tx) => {
      const review = loadReview(tx, id);
      authorize(user, action, review);
      return step(tx, review, { user, ip, now: new Date() });
    },
    { behavior: 'immediate' },
  );
}

const target = (review: ReviewRow) => ({
  type: 'review',
  id: review.id,
  label: review.headline || review.slug,
});

export async function submitForReview(id: number): Promise<void> {
  await workflowStep(id, 'review:submit', (tx, review, { user, ip, now }) => {
    // A revision of its own, so history shows what was put forward for review.
    appendRevision(tx, review, {
      content: revisionContent(tx, headRevisionId(tx, review)).content,
      kind: 'submit',
      authorId: user.id,
      baseVersion: review.version,
      now,
    });
    tx.update(reviews).set({ status: 'in_review', updatedAt: now }).where(eq(reviews.id, id)).run();
    recordAudit(tx, { action: 'review.submit', actor: user, ip, target: target(review) }, now);
  });
}

/**
 * "Request changes": a review in review goes back to draft, to its writer, with a note the
 * writer sees at the top of the editor and in history. Audited.
 */
export async function requestChanges(id: number, rawNote: string): Promise<void> {
  const note = checkedNote(rawNote);
  await workflowStep(id, 'review:request-changes', (tx, review, { user, ip, now }) => {
    if (review.status !== 'in_review')
      throw invalidInput('Only a review that was submitted for review can be sent back.');
    insertChangeRequest(tx, review, { note, requestedBy: user.id, now });
    tx.update(reviews).set({ status: 'draft', updatedAt: now }).where(eq(reviews.id, id)).run();
    recordAudit(
      tx,
      {
        action: 'review.request_changes',
        actor: user,
        ip,
        target: target(review),
        details: { version: review.version },
      },
      now,
    );
  });
}

/** Publishes the newest revision now; returns the version of its "publish" revision. */
export async function publishNow(id: number): Promise<{ version: number }> {
  return workflowStep(id, 'review:publish', (tx, review, { user, ip, now }) => {
    const { version } = publishHead(tx, review, now, user.id);
    recordAudit(
      tx,
      {
        action: 'review.publish',
        actor: user,
        ip,
        target: target(review),
        details: { version },
      },
      now,
    );
    return { version };
  });
}

/** Schedules the newest revision to be published at `at` (checked now, so the time is not wasted). */
export async function schedulePublication(id: number, at: Date): Promise<void> {
  await workflowStep(id, 'review:publish', (tx, review, { user, ip, now }) => {
    if (at.getTime() <= now.getTime())
      throw invalidInput('Choose a time in the future.', 'scheduledFor');
    const missing = publishChecklist(revisionContent(tx, headRevisionId(tx, review)).content);
    if (missing.length > 0) throw notPublishableError(missing);
    tx.update(reviews)
      .set({ status: 'scheduled', scheduledFor: at, updatedAt: now })
      .where(eq(reviews.id, id))
      .run();
    recordAudit(
      tx,
      {
        action: 'review.schedule',
        actor: user,
        ip,
        target: target(review),
        details: { at: at.toISOString() },
      },
      now,
    );
  });
}

function takeOffline(tx: Tx, review: ReviewRow, status: ReviewStatus, now: Date): void {
  tx.delete(publishedReviews).where(eq(publishedReviews.reviewId, review.id)).run();
  tx.update(reviews)
    .set({ status, publishedRevisionId: null, scheduledFor: null, updatedAt: now })
    .where(eq(reviews.id, review.id))
    .run();
}

export async function unpublish(id: number): Promise<void> {
  await workflowStep(id, 'review:unpublish', (tx, review, { user, ip, now }) => {
    takeOffline(tx, review, 'draft', now);
    recordAudit(tx, { action: 'review.unpublish', actor: user, ip, target: target(review) }, now);
  });
}

export async function archive(id: number): Promise<void> {
  await workflowStep(id, 'review:archive', (tx, review, { user, ip, now }) => {
    takeOffline(tx, review, 'archived', now);
    recordAudit(tx, { action: 'review.archive', actor: user, ip, target: target(review) }, now);
  });
}

export async function deleteReview(id: number): Promise<void> {
  await workflowStep(id, 'review:delete', (tx, review, { user, ip, now }) => {
    tx.delete(reviews).where(eq(reviews.id, id)).run();
    recordAudit(tx, { action: 'review.delete', actor: user, ip, target: target(review) }, now);
  });
}
