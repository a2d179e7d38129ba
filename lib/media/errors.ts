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
