import { AppError } from '../errors/app-error';
import { inUseMessage, type VisibleUses } from './usage';

// The media library's refusals, as AppErrors with the library's own words.

/**
 * An upload or alt text refused because of what was sent (too big, not an accepted image,
 * damaged, alt text too long). Its message is written for the person uploading and is shown
 * next to the form field named by `field`.
 */
export function mediaInputError(message: string, field: 'file' | 'alt' = 'file'): AppError {
  return new AppError('invalid', message, { field });
}

/** Shown when the server is already processing as many uploads as it allows. */
export const UPLOAD_BUSY_MESSAGE =
  'The server is busy processing another upload; try again in a moment.';

/**
 * An upload refused, before its content is read, because the uploader already has one being
 * processed or the server as many as it allows (lib/media/upload-limiter.ts). Nothing about
 * the file is wrong: sending it again a few seconds later can succeed.
 */
export function uploadBusyError(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', UPLOAD_BUSY_MESSAGE, {
    retryAfterMs: retryAfterSeconds * 1000,
  });
}

/** The image asked for does not exist (or no longer does). */
export function mediaNotFoundError(): AppError {
  return new AppError('not_found', 'This image no longer exists.');
}

/**
 * A delete refused because reviews use the image (their working copy or their published
 * version). `visible.uses` are the ones the caller may open, `visible.hidden` how many others
 * there are; the form shows them as links.
 */
export class MediaInUseError extends AppError {
  override name = 'MediaInUseError';

  constructor(readonly visible: VisibleUses) {
    super('conflict', inUseMessage(visible), { details: visible });
  }
}
