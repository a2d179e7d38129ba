// The media library's limits and sizes. Free of Node imports: the upload form and the
// next/image loader, which run in the browser, read them too (lib/media/config.ts re-exports
// them for server code together with the uploads directory).

/** The largest upload accepted: 10 MiB. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Shown by the upload form before sending and by the server when it refuses the size. */
export const TOO_LARGE_FILE_MESSAGE = 'This file is larger than 10 MB.';

/** Neither side of an accepted image may exceed this many pixels. */
export const MAX_IMAGE_SIDE = 12_000;

/**
 * The most pixels an accepted image may have in all: 25 megapixels (6,000 × 4,000 is 24). A
 * poster or a still needs a few megapixels; the largest variant is 1,920 wide. A file of a few
 * kilobytes can declare far more (a "decompression bomb": a 2.3 KB AVIF declaring 10,000 ×
 * 10,000 took 20 s of CPU to decode at the old 100-megapixel cap), so the size its header
 * declares is checked before anything is decoded, and libvips is given the same limit.
 */
export const MAX_IMAGE_PIXELS = 25_000_000;

/**
 * The most time one image's processing may take, in seconds, across all its sharp pipelines
 * (each gets sharp's timeout for what is left). sharp checks it as pixels flow through
 * libvips, so an AV1 encode or decode, which libheif runs in one call, finishes the step it is
 * in before being stopped: the pixel cap is what bounds those.
 */
export const IMAGE_TIME_LIMIT_SECONDS = 10;

/**
 * Widths of the WebP variants generated for every upload, smallest first. They are also
 * next/image's deviceSizes (next.config.ts), so every srcset entry names a file that exists.
 */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;

export type VariantWidth = (typeof VARIANT_WIDTHS)[number];

/** Suggested alt text is a sentence or two, not an essay. */
export const MAX_ALT_LENGTH = 300;

/** The formats accepted, by the MIME type recorded for them. */
export const ACCEPTED_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;

export type AcceptedMimeType = (typeof ACCEPTED_MIME_TYPES)[number];

/** For the file input's `accept`: a hint to the browser's picker, never a check. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_MIME_TYPES.join(',');

export function isVariantWidth(width: number): width is VariantWidth {
  return (VARIANT_WIDTHS as readonly number[]).includes(width);
}

export function isAcceptedMimeType(value: string): value is AcceptedMimeType {
  return (ACCEPTED_MIME_TYPES as readonly string[]).includes(value);
}
