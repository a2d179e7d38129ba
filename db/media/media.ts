import 'server-only';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { uploadsDir } from '../../lib/media/config';
import { firstIssue, uploadAltTextSchema } from '../../lib/media/alt-text';
import { isAcceptedMimeType, isVariantWidth } from '../../lib/media/constants';
import { mediaInputError } from '../../lib/media/errors';
import { parseMediaId, STORAGE_KEY } from '../../lib/media/ids';
import { assertUploadSize, processImage } from '../../lib/media/process-image';
import { withUploadSlot } from '../../lib/media/upload-limiter';
import { recordAudit } from '../auth/audit';
import {
  getCurrentUser,
  requestIp,
  requirePermission,
  type CurrentUser,
} from '../auth/current-user';
import { getDb } from '../client';
import { media, publishedMedia } from '../schema';
import { insertedRow } from '../engine/rows';

// The media library. Uploading needs 'media:upload' and listing 'admin:access', checked here
// so the admin page, a Server Action posted directly and the picker's JSON route all get the
// same answer. A file is served to anyone only once a published review shows it (as its poster
// or in a section: the published_media projection, written by publishing); until then, and
// again after it is unpublished, only signed-in staff get it. Ids are sequential, so "reachable
// only by id" would hide nothing.

export const MEDIA_PAGE_SIZE = 40;

export type MediaItem = {
  id: number;
  width: number;
  height: number;
  alt: string;
  originalName: string;
  createdAt: Date;
};

const itemColumns = {
  id: media.id,
  width: media.width,
  height: media.height,
  alt: media.alt,
  originalName: media.originalName,
  createdAt: media.createdAt,
};

/**
 * Stores an uploaded image: checks the permission first (a refused caller costs no decoding
 * and leaves nothing behind), then takes one of the server's upload slots (one per user, two in
 * all: uploadBusyError at once when none is free, before the file is read), then the content,
 * then writes the files under a random folder and records the row and the audit entry
 * together. Throws an `invalid` AppError for a file that is refused, `unauthenticated` or
 * `forbidden` for a caller who is.
 */
export async function uploadMedia(file: File, alt: string): Promise<MediaItem> {
  const actor = await requirePermission('media:upload');
  const ip = await requestIp();
  const parsedAlt = uploadAltTextSchema.safeParse(alt);
  if (!parsedAlt.success) throw mediaInputError(firstIssue(parsedAlt.error), 'alt');
  const suggestedAlt = parsedAlt.data;
  // Checked before the body is read into memory; processImage checks the bytes again.
  assertUploadSize(file.size);
  return withUploadSlot(actor.id, () => storeUpload(file, suggestedAlt, actor, ip));
}

async function storeUpload(
  file: File,
  suggestedAlt: string,
  actor: CurrentUser,
  ip: string | null,
): Promise<MediaItem> {
  const image = await processImage(Buffer.from(await file.arrayBuffer()), file.name);

  // The folder name is random and the file names are fixed: nothing on disk is named after
  // anything the uploader chose. The files are written under a temporary folder name, flushed to
  // disk and only then renamed into place (one atomic rename), and the row is inserted after
  // that: on a volume that several instances share (UPLOADS_DIR), no instance can find a row
  // whose files are missing or half written, even if the writing one dies midway.
  const storageKey = randomUUID();
  const folder = path.join(uploadsDir(), storageKey);
  const incoming = path.join(uploadsDir(), `.incoming-${storageKey}`);
  try {
    await writeFolder(incoming, [
      ['original', image.original],
      ...image.variants.map((variant) => [`${variant.width}.webp`, variant.data] as const),
    ]);
    await fs.rename(incoming, folder);
    const now = new Date();
    return await getDb().transaction(async (tx) => {
      const row = insertedRow(
        await tx
          .insert(media)
          .values({
            storageKey,
            originalName: image.originalName,
            mimeType: image.mimeType,
            width: image.width,
            height: image.height,
            bytes: image.original.length,
            variants: image.variants.map((variant) => variant.width),
            alt: suggestedAlt,
            uploadedBy: actor.id,
            createdAt: now,
          })
          .returning(itemColumns),
      );
      await recordAudit(
        tx,
        {
          action: 'media.upload',
          actor,
          ip,
          target: { type: 'media', id: row.id, label: row.originalName },
          details: { mimeType: image.mimeType, width: image.width, height: image.height },
        },
        now,
      );
      return row;
    });
  } catch (error) {
    // Nothing points at these files: remove them rather than leave orphans.
    await fs.rm(incoming, { recursive: true, force: true });
    await fs.rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Writes each file into a new folder and flushes it to disk before returning. */
async function writeFolder(
  folder: string,
  files: ReadonlyArray<readonly [name: string, data: Uint8Array]>,
): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  for (const [name, data] of files) {
    // 'wx': never overwrite; a collision would be a bug, not something to paper over.
    const handle = await fs.open(path.join(folder, name), 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** A page of the library, newest first, for the media page and the editor's picker. */
export async function listMedia({
  page,
}: {
  page: number;
}): Promise<{ items: MediaItem[]; hasNext: boolean }> {
  await requirePermission('admin:access');
  const current = Number.isSafeInteger(page) && page > 0 ? page : 1;
  const rows = await getDb()
    .select(itemColumns)
    .from(media)
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(MEDIA_PAGE_SIZE + 1)
    .offset((current - 1) * MEDIA_PAGE_SIZE);
  return { items: rows.slice(0, MEDIA_PAGE_SIZE), hasNext: rows.length > MEDIA_PAGE_SIZE };
}

const VARIANT_FILE = /^([1-9][0-9]{2,3})\.webp$/;

export type MediaFile = {
  path: string;
  contentType: string;
  /**
   * 'public': a published review shows this image, so anyone may have it (and cache it);
   * 'staff': served only because the caller is signed-in staff.
   */
  visibility: 'public' | 'staff';
};

/**
 * The file to serve for /media/<id>/<name> to the current caller, or null. Both parts come
 * from the URL, so the path is built only from values checked against fixed patterns: a
 * positive integer id that names a row, and a name that is exactly 'original' or a variant
 * width that row has. The folder is the row's storage key, itself checked to be the UUID this
 * module generated. An image no published review shows is null for anyone but signed-in,
 * active staff, exactly as an id with no row is: the answer does not tell them apart.
 */
export async function getMediaFile(id: string, name: string): Promise<MediaFile | null> {
  const mediaId = parseMediaId(id);
  if (mediaId === null) return null;

  let variantWidth: number | null = null;
  if (name !== 'original') {
    const match = VARIANT_FILE.exec(name);
    variantWidth = match ? Number(match[1]) : null;
    if (variantWidth === null || !isVariantWidth(variantWidth)) return null;
  }

  const [row] = await getDb()
    .select({
      storageKey: media.storageKey,
      mimeType: media.mimeType,
      variants: media.variants,
      // One lookup in published_media_media_idx, however many reviews there are.
      published: sql<number>`exists (select 1 from ${publishedMedia} where ${publishedMedia.mediaId} = ${media.id})`,
    })
    .from(media)
    .where(eq(media.id, mediaId))
    .limit(1);
  if (!row || !STORAGE_KEY.test(row.storageKey)) return null;

  let file: Omit<MediaFile, 'visibility'>;
  const folder = path.join(uploadsDir(), row.storageKey);
  if (variantWidth === null) {
    if (!isAcceptedMimeType(row.mimeType)) return null;
    file = { path: path.join(folder, 'original'), contentType: row.mimeType };
  } else {
    // Media uploaded before a width was added to VARIANT_WIDTHS have no file for it.
    if (!row.variants.includes(variantWidth)) return null;
    file = { path: path.join(folder, `${variantWidth}.webp`), contentType: 'image/webp' };
  }

  if (row.published) return { ...file, visibility: 'public' };
  // Not shown by any published review: staff only (any signed-in, active user; the session is
  // checked in the database), and nothing for anyone else.
  if (await getCurrentUser()) return { ...file, visibility: 'staff' };
  return null;
}

/** Alt text and file name of images `ids`, to name posters on staff pages (history). */
export async function getMediaLabels(
  ids: readonly number[],
): Promise<Map<number, { alt: string; originalName: string }>> {
  await requirePermission('admin:access');
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (wanted.length === 0) return new Map();
  const rows = await getDb()
    .select({ id: media.id, alt: media.alt, originalName: media.originalName })
    .from(media)
    .where(inArray(media.id, wanted));
  return new Map(rows.map(({ id, ...label }) => [id, label]));
}
