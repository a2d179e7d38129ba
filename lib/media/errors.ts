import { inUseMessage, type VisibleUses } from './usage';

/**
 * An upload refused because of what was sent (too big, not an accepted image, damaged, alt
 * text too long). Its message is written for the person uploading and is shown next to the
 * form field named by `field`.
 */
export class MediaInputError extends Error {
  override name = 'MediaInputError';

  constructor(
    message: string,
    readonly field: 'file' | 'alt' = 'file',
  ) {
    super(message);
  }
}

/** Shown when the server is already processing as many uploads as it allows. */
export const UPLOAD_BUSY_MESSAGE =
  'The server is busy processing another upload; try again in a moment.';

/**
 * An upload refused, before its content is read, because the uploader already has one being
 * processed or the server as many as it allows (lib/media/upload-limiter.ts). Nothing about
 * the file is wrong: sending it again a few seconds later can succeed.
 */
export class UploadBusyError extends Error {
  override name = 'UploadBusyError';

  constructor(readonly retryAfterSeconds: number) {
    super(UPLOAD_BUSY_MESSAGE);
  }
}

/** The image asked for does not exist (or no longer does). */
export class MediaNotFoundError extends Error {
  override name = 'MediaNotFoundError';

  constructor() {
    super('This image no longer exists.');
  }
}

/**
 * A delete refused because reviews use the image (their working copy or their published
 * version). `uses` are the ones the caller may open, `hidden` how many others there are.
 */
export class MediaInUseError extends Error {
  override name = 'MediaInUseError';

  constructor(readonly visible: VisibleUses) {
    super(inUseMessage(visible));
  }
}
