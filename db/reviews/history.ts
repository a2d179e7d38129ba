import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { can } from '../../lib/auth/permissions';
import { deepEqual } from '../../lib/content/deep-equal';
import { reviewContentSchema, type ReviewContent } from '../../lib/content/review-content';
import { groupRevisions, type RevisionEntry } from '../../lib/content/revision-groups';
import type { ReviewStatus, RevisionKind } from '../../lib/content/vocabulary';
import { recordAudit } from '../auth/audit';
import { requestIp, requireUser } from '../auth/current-user';
import { getDb, type Tx } from '../client';
import { publishedReviews, reviewRevisions, reviews, users } from '../schema';
import { invalidInput, isAppError } from '../../lib/errors/app-error';
import { reviewNotFoundError, RevisionNotFoundError } from './errors';
import { assertSlugFree, authorize, loadReview } from './guards';
import type { ReviewRow } from './publishing';
import { appendRevision } from './write';
import { changeRequestsByVersion, type ChangeRequest } from './change-requests';

// A review's revision history: listing, comparing two versions and restoring an old one.
// Each function finds out who is asking and checks the permission map against the review
// itself. Restoring never changes or removes a revision: it appends a new one whose content
// is the old one's, so the history keeps every step, including the restore.

/** History entries (after autosaves are grouped) per page. */
export const HISTORY_PAGE_SIZE = 50;

export type RevisionListItem = {
  id: number;
  version: number;
  baseVersion: number | null;
  kind: RevisionKind;
  authorId: number | null;
  /** Null when the author's account no longer exists. */
  authorName: string | null;
  createdAt: Date;
  message: string | null;
  /** This is the revision readers see. */
  isPublished: boolean;
};

export type RevisionHistory = {
  review: { id: number; headline: string; status: ReviewStatus; version: number };
  /** May the caller restore versions of this review? */
  canRestore: boolean;
  /** The version readers see, or null when the review is not published. */
  publishedVersion: number | null;
  entries: RevisionEntry<RevisionListItem>[];
  page: number;
  pageCount: number;
  totalEntries: number;
  totalRevisions: number;
  /** Every "Request changes" note, newest first, with the version each was about. */
  changeRequests: ChangeRequest[];
};

export type RevisionWithContent = {
  version: number;
  kind: RevisionKind;
  authorName: string | null;
  createdAt: Date;
  content: ReviewContent;
};

async function readableReview(reviewId: number): Promise<{ review: ReviewRow; canEdit: boolean }> {
  const user = await requireUser();
  const [review] = await getDb().select().from(reviews).where(eq(reviews.id, reviewId)).limit(1);
  if (!review) throw reviewNotFoundError();
  authorize(user, 'review:read', review);
  return {
    review,
    canEdit: can(user, 'review:edit', { authorId: review.authorId, status: review.status }),
  };
}

async function publishedRevisionId(review: ReviewRow): Promise<number | null> {
  if (review.publishedRevisionId !== null) return review.publishedRevisionId;
  const [published] = await getDb()
    .select({ revisionId: publishedReviews.revisionId })
    .from(publishedReviews)
    .where(eq(publishedReviews.reviewId, review.id))
    .limit(1);
  return published?.revisionId ?? null;
}

/**
 * The review's revisions, newest first, grouped for display (runs of autosaves become one
 * entry, see lib/content/revision-groups.ts) and paginated by entry. Only metadata is read,
 * never the content, so even a long history is cheap to list.
 */
export async function listRevisions(
  reviewId: number,
  options: { page: number },
): Promise<RevisionHistory> {
  const { review, canEdit } = await readableReview(reviewId);
  const publishedId = await publishedRevisionId(review);
  const rows = await getDb()
    .select({
      id: reviewRevisions.id,
      version: reviewRevisions.version,
      baseVersion: reviewRevisions.baseVersion,
      kind: reviewRevisions.kind,
      authorId: reviewRevisions.authorId,
      authorName: users.name,
      createdAt: reviewRevisions.createdAt,
      message: reviewRevisions.message,
    })
    .from(reviewRevisions)
    .leftJoin(users, eq(users.id, reviewRevisions.authorId))
    .where(eq(reviewRevisions.reviewId, reviewId))
    .orderBy(desc(reviewRevisions.version));
  const revisions: RevisionListItem[] = rows.map((row) => ({
    ...row,
    isPublished: row.id === publishedId,
  }));
  const entries = groupRevisions(revisions, { standalone: (revision) => revision.isPublished });
  const pageCount = Math.max(1, Math.ceil(entries.length / HISTORY_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(options.page) || 1), pageCount);
  return {
    review: {
      id: review.id,
      headline: review.headline,
      status: review.status,
      version: review.version,
    },
    canRestore: canEdit,
    publishedVersion: revisions.find((revision) => revision.isPublished)?.version ?? null,
    entries: entries.slice((page - 1) * HISTORY_PAGE_SIZE, page * HISTORY_PAGE_SIZE),
    page,
    pageCount,
    totalEntries: entries.length,
    totalRevisions: revisions.length,
    changeRequests: [...(await changeRequestsByVersion(getDb(), reviewId)).values()]
      .flat()
      .reverse(),
  };
}

/** Two versions of a review with their content, for comparing them. */
export async function getRevisionPair(
  reviewId: number,
  fromVersion: number,
  toVersion: number,
): Promise<{ from: RevisionWithContent; to: RevisionWithContent }> {
  await readableReview(reviewId);
  const rows = await getDb()
    .select({
      version: reviewRevisions.version,
      kind: reviewRevisions.kind,
      authorName: users.name,
      createdAt: reviewRevisions.createdAt,
      content: reviewRevisions.content,
    })
    .from(reviewRevisions)
    .leftJoin(users, eq(users.id, reviewRevisions.authorId))
    .where(
      and(
        eq(reviewRevisions.reviewId, reviewId),
        inArray(reviewRevisions.version, [fromVersion, toVersion]),
      ),
    );
  const pick = (version: number): RevisionWithContent => {
    const row = rows.find((candidate) => candidate.version === version);
    if (!row) throw new RevisionNotFoundError(version);
    // Stored content was validated when it was saved.
    return { ...row, content: JSON.parse(row.content) as ReviewContent };
  };
  return { from: pick(fromVersion), to: pick(toVersion) };
}

async function revisionAt(tx: Tx, reviewId: number, version: number) {
  const [row] = await tx
    .select({ content: reviewRevisions.content })
    .from(reviewRevisions)
    .where(and(eq(reviewRevisions.reviewId, reviewId), eq(reviewRevisions.version, version)));
  if (!row) throw new RevisionNotFoundError(version);
  return JSON.parse(row.content) as unknown;
}

/**
 * Makes an old version the working draft again by appending a new revision (kind "restore")
 * with its content. Nothing is deleted or changed; publishing stays a separate step.
 */
export async function restoreRevision(
  reviewId: number,
  version: number,
): Promise<{ version: number; restoredFrom: number }> {
  const user = await requireUser();
  const ip = await requestIp();
  return getDb().transaction(async (tx) => {
    const review = await loadReview(tx, reviewId);
    authorize(user, 'review:edit', review);
    if (version === review.version)
      throw invalidInput(`Version ${version} is already the current version.`);
    const stored = await revisionAt(tx, reviewId, version);
    // The rules may have tightened since that version was saved: check it as a new save.
    const parsed = reviewContentSchema.safeParse(stored);
    if (!parsed.success) {
      throw invalidInput(
        `Version ${version} cannot be restored: it no longer passes today’s checks (${parsed.error.issues[0]?.message ?? 'invalid content'}).`,
      );
    }
    const content = parsed.data;
    const head = await revisionAt(tx, reviewId, review.version);
    if (deepEqual(content, head))
      throw invalidInput(
        `Version ${version} is identical to the current version: there is nothing to restore.`,
      );
    try {
      await assertSlugFree(tx, content.slug, reviewId);
    } catch (error) {
      if (isAppError(error, 'invalid')) {
        throw invalidInput(
          `Version ${version} cannot be restored: its slug “${content.slug}” is now used by another review.`,
          'slug',
        );
      }
      throw error;
    }
    const now = new Date();
    const appended = await appendRevision(tx, review, {
      content,
      kind: 'restore',
      authorId: user.id,
      baseVersion: review.version,
      message: `Restored from version ${version}`,
      now,
    });
    await recordAudit(
      tx,
      {
        action: 'review.restore',
        actor: user,
        ip,
        target: { type: 'review', id: review.id, label: review.headline || review.slug },
        details: { restoredFrom: version, version: appended.version },
      },
      now,
    );
    return { version: appended.version, restoredFrom: version };
  });
}
