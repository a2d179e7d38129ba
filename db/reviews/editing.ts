import 'server-only';
import { eq } from 'drizzle-orm';
import { can } from '../../lib/auth/permissions';
import type { ReviewContent } from '../../lib/content/review-content';
import type { ReviewStatus } from '../../lib/content/vocabulary';
import { recordAudit } from '../auth/audit';
import { requestIp, requirePermission, requireUser } from '../auth/current-user';
import { getDb } from '../client';
import { publishedReviews, reviewRevisions, reviews, users } from '../schema';
import { openChangeRequest, type ChangeRequest } from './change-requests';
import { reviewNotFoundError } from './errors';
import { countSave } from './save-rate';
import { assertSlugFree, authorize } from './guards';
import { headRevisionId } from './publishing';
import { insertReview, revisionContent } from './write';

// The editor's side of a review: its working copy for the editor, and a new review from the
// editor's first save. Both find out who is asking and check the permission map themselves.

export type EditableReview = {
  id: number;
  status: ReviewStatus;
  version: number;
  content: ReviewContent;
  /** Who wrote it, for the preview's byline (null once their account is gone). */
  authorName: string | null;
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
  const { content } = await revisionContent(db, await headRevisionId(db, review));
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
  const [author] =
    review.authorId === null
      ? []
      : await db
          .select({ name: users.name })
          .from(users)
          .where(eq(users.id, review.authorId))
          .limit(1);
  return {
    id: review.id,
    status: review.status,
    version: review.version,
    content,
    authorName: author?.name ?? null,
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
    changesRequested: await openChangeRequest(db, review),
  };
}

/** Starts a review from the editor's first save. Returns its id and version. */
export async function createReview(
  content: ReviewContent,
): Promise<{ id: number; version: number }> {
  const user = await requirePermission('review:create');
  const ip = await requestIp();
  return getDb().transaction(async (tx) => {
    await assertSlugFree(tx, content.slug, null);
    const now = new Date();
    // A new review stores a revision like any save: the same per-person limit.
    await countSave(tx, user.id, now);
    const { reviewId } = await insertReview(tx, {
      content,
      authorId: user.id,
      kind: 'create',
      now,
    });
    await recordAudit(
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
  });
}
