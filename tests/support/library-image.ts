import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getDb } from '../../db/client';
import { insertedRow } from '../../db/engine/rows';
import { media } from '../../db/schema';
import { VARIANT_WIDTHS } from '../../lib/media/constants';

type MediaRow = typeof media.$inferInsert;

/**
 * An image in the media library, straight in the database, with its files under `uploadsRoot`
 * when one is given (their bytes do not matter to serving them: `original of <name>` and the
 * name in each variant). Every column but the storage key can be set; the defaults are an
 * 800×450 PNG with all variants and no uploader.
 */
export async function addLibraryImage(
  uploadsRoot: string | null,
  row: Partial<Omit<MediaRow, 'storageKey'>> = {},
): Promise<number> {
  const storageKey = crypto.randomUUID();
  const name = row.originalName ?? 'still.png';
  const variants = row.variants ?? [...VARIANT_WIDTHS];
  if (uploadsRoot !== null) {
    const folder = path.join(uploadsRoot, storageKey);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'original'), `original of ${name}`);
    for (const width of variants) fs.writeFileSync(path.join(folder, `${width}.webp`), name);
  }
  const inserted = await getDb().transaction((tx) =>
    tx
      .insert(media)
      .values({
        mimeType: 'image/png',
        width: 800,
        height: 450,
        bytes: 12_345,
        uploadedBy: null,
        ...row,
        storageKey,
        originalName: name,
        variants,
      })
      .returning({ id: media.id }),
  );
  return insertedRow(inserted).id;
}
