import path from 'node:path';
import { dataFolder } from '../database-path';
import { env } from '../env';

export {
  ACCEPTED_MIME_TYPES,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  MAX_UPLOAD_BYTES,
  VARIANT_WIDTHS,
} from './constants';

/**
 * Where uploaded files live: UPLOADS_DIR when set, otherwise an `uploads` folder next to the
 * database file (./data/uploads by default). Keeping them beside the database means a test or
 * an end-to-end run on a temporary database also gets temporary uploads, and a backup of the
 * data folder holds both.
 */
export function uploadsDir(): string {
  const configured = env().UPLOADS_DIR;
  // Uploads are data, not code: kept out of the build's file tracing, like the database.
  if (configured) return path.resolve(/*turbopackIgnore: true*/ configured);
  const folder = dataFolder();
  if (folder === null) {
    throw new Error('Set UPLOADS_DIR: an in-memory database has no folder to keep uploads beside.');
  }
  return path.join(/*turbopackIgnore: true*/ folder, 'uploads');
}
