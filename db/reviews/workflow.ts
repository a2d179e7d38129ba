import 'server-only';
import { eq } from 'drizzle-orm';
import type { Action } from '../../lib/auth/permissions';
import { publishChecklist } from '../../lib/content/publish-checklist';
import type { ReviewStatus } from '../../lib/content/vocabulary';
import { invalidInput } from '../../lib/errors/app-error';
import { revalidateReaderPages } from '../../lib/cache/reader-cache';
import { recordAudit } from '../auth/audit';
import { requestIp, requireUser, type CurrentUser } from '../auth/current-user';
import { getDb, type Tx } from '../client';
import { publishedReviews, reviews } from '../schema';
import { checkedNote, insertChangeRequest } from './change-requests';
import { notPublishableError } from './errors';
import { authorize, loadReview } from './guards';
import { headRevisionId, publishNewestRevision, type ReviewRow } from './publishing';
import { appendRevision, revisionContent } from './write';

// The workflow steps: submit, request changes, publish now, schedule, unpublish, archive and
// delete. Each finds out who is asking and checks the permission map against the review itself,
// inside the same IMMEDIATE transaction that writes, so a Server Action posted directly is held
// to exactly the same rules as the editor's buttons. A step that changes what readers see
// expires the reader cache itself, once its transaction has committed.

/**
 * Runs one workflow step on a review in an IMMEDIATE transaction, after the permission check.
 * With `changesReaderPages`, the reader cache is expired once the transaction has committed and
 * before the step returns, so the answer never reaches the editor while readers can still get
 * the page from before the change (which `after()`, run once the answer is sent, would allow).
 */
async function workflowStep<T>(
  id: number,
  action: Action,
  step: (
    tx: Tx,
    review: ReviewRow,
    context: { user: CurrentUser; ip: string | null; now: Date },
  ) => T,
  { changesReaderPages = false } = {},
): Promise<T> {
  const user = await requireUser();
  const ip = await requestIp();
  let slug = '';
  const result = await getDb().transaction(async (tx) => {
    const review = await loadReview(tx, id);
    authorize(user, action, review);
    slug = review.slug;
    return step(tx, review, { user, ip, now: new Date() });
  });
  if (changesReaderPages) revalidateReaderPages(slug ? [`/reviews/${slug}`] : []);
  return result;
}

const READERS_SEE_IT = { changesReaderPages: true };

const target = (review: ReviewRow) => ({
  type: 'review',
  id: review.id,
  label: review.headline || review.slug,
});

export async function submitForReview(id: number): Promise<void> {
  await workflowStep(id, 'review:submit', async (tx, review, { user, ip, now }) => {
    // A revision of its own, so history shows what was put forward for review.
    await appendRevision(tx, review, {
      content: (await revisionContent(tx, await headRevisionId(tx, review))).content,
      kind: 'submit',
      authorId: user.id,
      baseVersion: review.version,
      now,
    });
    await tx.update(reviews).set({ status: 'in_review', updatedAt: now }).where(eq(reviews.id, id));
    await recordAudit(
      tx,
      { action: 'review.submit', actor: user, ip, target: target(review) },
      now,
    );
  });
}

/**
 * "Request changes": a review in review goes back to draft, to its writer, with a note the
 * writer sees at the top of the editor and in history. Audited.
 */
export async function requestChanges(id: number, rawNote: string): Promise<void> {
  const note = checkedNote(rawNote);
  await workflowStep(id, 'review:request-changes', async (tx, review, { user, ip, now }) => {
    if (review.status !== 'in_review')
      throw invalidInput('Only a review that was submitted for review can be sent back.');
    await insertChangeRequest(tx, review, { note, requestedBy: user.id, now });
    await tx.update(reviews).set({ status: 'draft', updatedAt: now }).where(eq(reviews.id, id));
    await recordAudit(
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
  return workflowStep(
    id,
    'review:publish',
    async (tx, review, { user, ip, now }) => {
      const { version } = await publishNewestRevision(tx, review, now, user.id);
      await recordAudit(
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
    },
    READERS_SEE_IT,
  );
}

/** Schedules the newest revision to be published at `at` (checked now, so the time is not wasted). */
export async function schedulePublication(id: number, at: Date): Promise<void> {
  await workflowStep(id, 'review:publish', async (tx, review, { user, ip, now }) => {
    if (at.getTime() <= now.getTime())
      throw invalidInput('Choose a time in the future.', 'scheduledFor');
    const missing = publishChecklist(
      (await revisionContent(tx, await headRevisionId(tx, review))).content,
    );
    if (missing.length > 0) throw notPublishableError(missing);
    await tx
      .update(reviews)
      .set({ status: 'scheduled', scheduledFor: at, updatedAt: now })
      .where(eq(reviews.id, id));
    await recordAudit(
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

/** Unpublish and archive: the review leaves the projection and gets its new status. */
async function takeOffline(
  id: number,
  action: 'review:unpublish' | 'review:archive',
  status: ReviewStatus,
): Promise<void> {
  await workflowStep(
    id,
    action,
    async (tx, review, { user, ip, now }) => {
      await tx.delete(publishedReviews).where(eq(publishedReviews.reviewId, review.id));
      await tx
        .update(reviews)
        .set({ status, publishedRevisionId: null, scheduledFor: null, updatedAt: now })
        .where(eq(reviews.id, review.id));
      const audited = action === 'review:unpublish' ? 'review.unpublish' : 'review.archive';
      await recordAudit(tx, { action: audited, actor: user, ip, target: target(review) }, now);
    },
    READERS_SEE_IT,
  );
}

export const unpublish = (id: number) => takeOffline(id, 'review:unpublish', 'draft');
export const archive = (id: number) => takeOffline(id, 'review:archive', 'archived');

export async function deleteReview(id: number): Promise<void> {
  await workflowStep(
    id,
    'review:delete',
    async (tx, review, { user, ip, now }) => {
      await tx.delete(reviews).where(eq(reviews.id, id));
      await recordAudit(
        tx,
        { action: 'review.delete', actor: user, ip, target: target(review) },
        now,
      );
    },
    READERS_SEE_IT,
  );
}
