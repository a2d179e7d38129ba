import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, eq, gt, like, sql } from 'drizzle-orm';
import { can, type Actor } from '../../lib/auth/permissions';
import { altTextSchema, firstIssue } from '../../lib/media/alt-text';
import { uploadsDir } from '../../lib/media/config';
import { notAllowed } from '../../lib/errors/app-error';
import { mediaInputError, MediaInUseError, mediaNotFoundError } from '../../lib/media/errors';
import { STORAGE_KEY } from '../../lib/media/ids';
import { mediaIdsInRichText } from '../../lib/media/references';
import type { MediaUse, MediaUsePlace, VisibleUses } from '../../lib/media/usage';
import type { ReviewContent } from '../../lib/content/review-content';
import { recordAudit } from '../auth/audit';
import { requestIp, requirePermission, type CurrentUser } from '../auth/current-user';
import { getDb, type Tx } from '../client';
import {
  media,
  publishedMedia,
  publishedReviews,
  reviewRevisions,
  reviews,
  sections,
  users,
  workingMedia,
} from '../schema';

// One image of the media library: its details, where it is used, its suggested alt text, and
// deleting it. Who may: any signed-in staff member sees the details; changing the alt text
// ('media:edit') and deleting ('media:delete') are the permission map's decision against the
// image's uploader (editors and admins any image, writers their own uploads), checked inside
// the transaction that writes. A delete is refused, for everyone, while any review uses the
// image: in its working copy (the newest revision, draft or not) or in the version readers see.

/**
 * The caller, when they may change some image at all: whoever may upload (a writer may change
 * their own uploads). Server Actions ask this before reading their form; the functions below
 * ask it again, then decide against the image itself.
 */
export function requireMediaManager(): Promise<CurrentUser> {
  return requirePermission('media:upload');
}

/** A use found in the database, with what deciding who may see it needs. */
export type FoundUse = MediaUse & { authorId: number | null; updatedAt: Date };

function placesIn(content: ReviewContent, mediaId: number): MediaUsePlace[] {
  const places: MediaUsePlace[] = [];
  if (content.posterMediaId === mediaId) places.push('poster');
  if (content.sections.some((section) => mediaIdsInRichText(section.body).includes(mediaId)))
    places.push('text');
  return places;
}

const label = (row: { headline: string; slug: string }) => row.headline.trim() || row.slug;

/** The address every image node of image `mediaId` starts with, as it appears in JSON. */
const srcNeedle = (mediaId: number) => `"/media/${mediaId}/`;

/**
 * The reviews whose published version shows image `mediaId`, and where: published_media (by
 * its media_id index) holds the poster and the sections' images, so a review whose published
 * poster is another image shows it in the text; only when it is the poster are that review's
 * published sections read, to see whether the text shows it too.
 */
async function publishedUses(tx: Tx, mediaId: number): Promise<Map<number, FoundUse>> {
  const rows = await tx
    .select({
      reviewId: reviews.id,
      slug: reviews.slug,
      headline: reviews.headline,
      status: reviews.status,
      authorId: reviews.authorId,
      updatedAt: reviews.updatedAt,
      posterMediaId: publishedReviews.posterMediaId,
    })
    .from(publishedMedia)
    .innerJoin(publishedReviews, eq(publishedReviews.reviewId, publishedMedia.reviewId))
    .innerJoin(reviews, eq(reviews.id, publishedMedia.reviewId))
    .where(eq(publishedMedia.mediaId, mediaId));
  const uses = new Map<number, FoundUse>();
  for (const { posterMediaId, ...row } of rows) {
    let places: MediaUsePlace[] = ['text'];
    if (posterMediaId === mediaId) {
      const inText = (
        await tx
          .select({ body: sections.body })
          .from(sections)
          .where(
            and(
              eq(sections.reviewId, row.reviewId),
              // The needle holds only a quote, slashes and digits: no LIKE wildcard to escape,
              // and no letters for SQLite's case-insensitive LIKE to fold.
              like(sections.body, `%${srcNeedle(mediaId)}%`),
            ),
          )
      ).some(({ body }) => mediaIdsInRichText(JSON.parse(body)).includes(mediaId));
      places = inText ? ['poster', 'text'] : ['poster'];
    }
    uses.set(row.reviewId, {
      reviewId: row.reviewId,
      label: label(row),
      status: row.status,
      authorId: row.authorId,
      updatedAt: row.updatedAt,
      workingCopy: [],
      published: places,
    });
  }
  return uses;
}

/** The newest revision's id: what a later findMediaUses({ afterRevisionId }) starts after. */
export async function lastRevisionId(tx: Tx): Promise<number> {
  return (
    (
      await tx.select({ id: sql<number | null>`max(${reviewRevisions.id})` }).from(reviewRevisions)
    )[0]?.id ?? 0
  );
}

/**
 * The head revisions that show image `mediaId` (see findMediaUses), with their review: all of
 * them, or only those newer than revision `after`. Starts from working_media's media_id index,
 * so only the reviews whose newest revision names the image are read, whatever the size of
 * the catalogue.
 */
async function candidateHeads(tx: Tx, mediaId: number, after: number | undefined) {
  return await tx
    .select({
      reviewId: reviews.id,
      slug: reviews.slug,
      headline: reviews.headline,
      status: reviews.status,
      authorId: reviews.authorId,
      updatedAt: reviews.updatedAt,
      content: reviewRevisions.content,
    })
    .from(workingMedia)
    .innerJoin(reviews, eq(reviews.id, workingMedia.reviewId))
    .innerJoin(
      reviewRevisions,
      and(eq(reviewRevisions.reviewId, reviews.id), eq(reviewRevisions.version, reviews.version)),
    )
    .where(
      and(
        eq(workingMedia.mediaId, mediaId),
        after === undefined ? undefined : gt(reviewRevisions.id, after),
      ),
    );
}

/**
 * Every review that uses image `mediaId`, most recently changed first: its working copy shows
 * it (as the poster or in a section) or its published version does. No authorization here:
 * a building block for the functions below, inside their transaction.
 *
 * The working copies: working_media names, by its media_id index, the reviews whose newest
 * revision (reviews.version) shows the image, kept by every write of a revision
 * (db/reviews/write.ts); only those heads are read and parsed, and checked exactly with the
 * reader's own rules (lib/media/references.ts): /media/12/ never counts as a use of image 1 or
 * 120. The published versions: published_media, by its media_id index. With
 * `afterRevisionId`, only the heads written after that revision are read (a head changes only
 * by a new revision, with a larger id): what a delete re-checks inside its short transaction.
 */
export async function findMediaUses(
  tx: Tx,
  mediaId: number,
  { afterRevisionId }: { afterRevisionId?: number } = {},
): Promise<FoundUse[]> {
  const heads = await candidateHeads(tx, mediaId, afterRevisionId);

  // Start from the published uses; a working copy that shows the image adds its places.
  const uses = await publishedUses(tx, mediaId);
  for (const head of heads) {
    const workingCopy = placesIn(JSON.parse(head.content) as ReviewContent, mediaId);
    if (workingCopy.length === 0) continue;
    const use = uses.get(head.reviewId);
    if (use) use.workingCopy = workingCopy;
    else
      uses.set(head.reviewId, {
        reviewId: head.reviewId,
        label: label(head),
        status: head.status,
        authorId: head.authorId,
        updatedAt: head.updatedAt,
        workingCopy,
        published: [],
      });
  }
  return [...uses.values()].sort(
    (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.reviewId - a.reviewId,
  );
}

/**
 * The uses `viewer` is shown: those in reviews they may open ('review:read': a writer their
 * own), without the fields only this module needs; the others are only counted, so a writer
 * never learns the headline of a colleague's draft.
 */
export function visibleUses(viewer: Actor, found: FoundUse[]): VisibleUses {
  const uses: MediaUse[] = [];
  let hidden = 0;
  for (const { reviewId, label, status, authorId, workingCopy, published } of found) {
    if (can(viewer, 'review:read', { authorId, status }))
      uses.push({ reviewId, label, status, workingCopy, published });
    else hidden++;
  }
  return { uses, hidden };
}

export type MediaDetail = {
  id: number;
  originalName: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  /** Widths of the stored WebP variants. */
  variants: number[];
  alt: string;
  createdAt: Date;
  /** Null once the uploader's account is gone. */
  uploadedBy: { id: number; name: string } | null;
  /** A published review shows it, so its files are served to anyone. */
  isPublic: boolean;
  permissions: { edit: boolean; delete: boolean };
};

/**
 * What the detail page shows about image `id` first (everything but its uses, which cost a
 * look at every working copy: getMediaUses), or null when there is no such image.
 */
export async function getMediaDetail(id: number): Promise<MediaDetail | null> {
  const user = await requirePermission('admin:access');
  const [row] = await getDb()
    .select({
      id: media.id,
      originalName: media.originalName,
      mimeType: media.mimeType,
      width: media.width,
      height: media.height,
      bytes: media.bytes,
      variants: media.variants,
      alt: media.alt,
      createdAt: media.createdAt,
      uploaderId: media.uploadedBy,
      uploaderName: users.name,
      // The media route's own question, from the same index.
      isPublic: sql<number>`exists (select 1 from ${publishedMedia} where ${publishedMedia.mediaId} = ${media.id})`,
    })
    .from(media)
    .leftJoin(users, eq(users.id, media.uploadedBy))
    .where(eq(media.id, id));
  if (!row) return null;
  const { uploaderId, uploaderName, isPublic, ...image } = row;
  const owner = { authorId: uploaderId };
  return {
    ...image,
    uploadedBy:
      uploaderId !== null && uploaderName !== null ? { id: uploaderId, name: uploaderName } : null,
    isPublic: Boolean(isPublic),
    permissions: {
      edit: can(user, 'media:edit', owner),
      delete: can(user, 'media:delete', owner),
    },
  };
}

/**
 * The reviews that use image `id`, as the caller may see them (visibleUses), or null when
 * there is no such image. A read transaction: it holds up no save.
 */
export async function getMediaUses(id: number): Promise<VisibleUses | null> {
  const user = await requirePermission('admin:access');
  return getDb().transaction(async (tx) => {
    if (!(await tx.select({ id: media.id }).from(media).where(eq(media.id, id)))[0]) return null;
    return visibleUses(user, await findMediaUses(tx, id));
  });
}

/** The row, or a `not_found` AppError; then `forbidden` unless the caller may `action` it. */
async function loadForChange(
  tx: Tx,
  user: CurrentUser,
  id: number,
  action: 'media:edit' | 'media:delete',
): Promise<typeof media.$inferSelect> {
  const [row] = await tx.select().from(media).where(eq(media.id, id));
  if (!row) throw mediaNotFoundError();
  if (!can(user, action, { authorId: row.uploadedBy })) throw notAllowed();
  return row;
}

/**
 * Replaces image `id`'s suggested alt text (1 to 300 characters of plain text, one line).
 * Reviews that already show the image keep the alt text they were given. Throws an AppError:
 * `invalid` (field 'alt'), `not_found`, `unauthenticated` or `forbidden`.
 */
export async function updateMediaAlt(id: number, alt: string): Promise<{ alt: string }> {
  const user = await requireMediaManager();
  return getDb().transaction(async (tx) => {
    await loadForChange(tx, user, id, 'media:edit');
    const parsed = altTextSchema.safeParse(alt);
    if (!parsed.success) throw mediaInputError(firstIssue(parsed.error), 'alt');
    await tx.update(media).set({ alt: parsed.data }).where(eq(media.id, id));
    return { alt: parsed.data };
  });
}

/**
 * Deletes image `id` when no review uses it, then its folder on disk, once the delete has
 * committed. A folder already gone is fine; one that cannot be removed is logged and reported
 * (`filesRemoved: false`): the row is gone, so nothing serves those files any more. Throws
 * MediaInUseError (a `conflict`) naming the reviews that use it, or a `not_found`,
 * `unauthenticated` or `forbidden` AppError.
 *
 * Looking at every working copy takes a while in a large catalogue (findMediaUses), so it is
 * done first in a read transaction, which holds up no save. The row and its audit entry then
 * go in one IMMEDIATE transaction that checks again what may have changed since: the heads
 * written after that look, and the published versions. A save that starts using the image
 * either committed before this transaction, and is seen, or waits for it.
 */
export async function deleteMedia(
  id: number,
): Promise<{ originalName: string; filesRemoved: boolean }> {
  const user = await requireMediaManager();
  const ip = await requestIp();
  const db = getDb();
  const lookedAfter = await db.transaction(async (tx) => {
    await loadForChange(tx, user, id, 'media:delete');
    const after = await lastRevisionId(tx);
    const uses = await findMediaUses(tx, id);
    if (uses.length > 0) throw new MediaInUseError(visibleUses(user, uses));
    return after;
  });
  const now = new Date();
  const row = await db.transaction(async (tx) => {
    const found = await loadForChange(tx, user, id, 'media:delete');
    const uses = await findMediaUses(tx, id, { afterRevisionId: lookedAfter });
    if (uses.length > 0) throw new MediaInUseError(visibleUses(user, uses));
    await tx.delete(media).where(eq(media.id, id));
    await recordAudit(
      tx,
      {
        action: 'media.delete',
        actor: user,
        ip,
        target: { type: 'media', id, label: found.originalName },
        details: {
          mimeType: found.mimeType,
          width: found.width,
          height: found.height,
          bytes: found.bytes,
          uploadedBy: found.uploadedBy,
        },
      },
      now,
    );
    return found;
  });
  return { originalName: row.originalName, filesRemoved: await removeFiles(row.storageKey) };
}

/** Removes an image's folder; true when it is gone (or already was). */
async function removeFiles(storageKey: string): Promise<boolean> {
  // Only ever a folder this module's uploads created, inside uploadsDir().
  if (!STORAGE_KEY.test(storageKey)) {
    console.error(`Not removing the files of a deleted image: unexpected folder ${storageKey}.`);
    return false;
  }
  try {
    await fs.rm(path.join(uploadsDir(), storageKey), { recursive: true, force: true });
    return true;
  } catch (error) {
    console.error(`The files of a deleted image (${storageKey}) could not be removed:`, error);
    return false;
  }
}
