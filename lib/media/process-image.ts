import sharp, { type Metadata, type Sharp } from 'sharp';
import {
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  MAX_UPLOAD_BYTES,
  TOO_LARGE_FILE_MESSAGE,
  VARIANT_WIDTHS,
  type AcceptedMimeType,
  type VariantWidth,
} from './constants';
import { MediaInputError } from './errors';
import { cleanOriginalName } from './original-name';

export type ProcessedImage = {
  /** Detected from the content, never from the file name or the browser's declared type. */
  mimeType: AcceptedMimeType;
  /** Dimensions as displayed, after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** The uploaded file's name, cleaned for display (see cleanOriginalName). */
  originalName: string;
  /** The full-size image, re-encoded in its own format, upright and without metadata. */
  original: Buffer;
  /**
   * One WebP per VARIANT_WIDTHS entry. `width` is the slot (the file is named `<width>.webp`);
   * the image in it is that wide, or as wide as the original when the original is narrower.
   */
  variants: Array<{ width: VariantWidth; data: Buffer }>;
};

export const NOT_AN_IMAGE = 'This file is not a JPEG, PNG, WebP or AVIF image.';
export const TOO_LARGE_FILE = TOO_LARGE_FILE_MESSAGE;
export const EMPTY_FILE = 'This file is empty.';
export const TOO_MANY_PIXELS = `This image is too large: at most ${MAX_IMAGE_SIDE.toLocaleString('en')} pixels on a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels in all.`;
export const DAMAGED = 'This image could not be read; the file may be damaged or incomplete.';

// Decoding untrusted input: sharp's default failOn ('warning') refuses damaged data, and the
// pixel limit makes libvips refuse a decompression bomb from its header, before decoding it.
const INPUT_OPTIONS = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning' } as const;
// A pathological file must not hold one of the server's few cores for long.
const TIMEOUT = { seconds: 60 };

/** Refuses a size that is out of bounds before anything is read or decoded. */
export function assertUploadSize(bytes: number): void {
  if (bytes === 0) throw new MediaInputError(EMPTY_FILE);
  if (bytes > MAX_UPLOAD_BYTES) throw new MediaInputError(TOO_LARGE_FILE);
}

/**
 * Checks an upload and prepares the files to store: the format comes from the bytes (a text
 * file or an SVG renamed .png is refused), the size and pixel count are bounded, and every
 * file produced is a fresh encode by sharp, so no EXIF (camera serial numbers, GPS position)
 * and no payload smuggled beside the pixels reaches the public URLs.
 */
export async function processImage(buffer: Buffer, originalName: string): Promise<ProcessedImage> {
  assertUploadSize(buffer.length);
  const metadata = await readMetadata(buffer);
  const mimeType = acceptedMimeType(metadata);
  if (!mimeType) throw new MediaInputError(NOT_AN_IMAGE);
  // autoOrient holds the dimensions once the EXIF orientation is applied, as displayed.
  const { width, height } = metadata.autoOrient;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) throw new MediaInputError(TOO_MANY_PIXELS);

  // Two decodes rather than one per file, since decoding dominates the cost (seconds, for an
  // AVIF): the original is re-encoded at full size, and the variants all come from one small
  // decoded working copy.
  const original = await run(() => encodeOriginal(decode(buffer), mimeType));
  const variants = await makeVariants(await run(() => workingCopy(buffer)), width);
  return {
    mimeType,
    width,
    height,
    originalName: cleanOriginalName(originalName),
    original,
    variants,
  };
}

async function readMetadata(buffer: Buffer): Promise<Metadata> {
  try {
    return await sharp(buffer, INPUT_OPTIONS).metadata();
  } catch (error) {
    throw inputError(error, NOT_AN_IMAGE);
  }
}

/** The accepted type sharp's decoder found, or null. AVIF is HEIF with AV1 compression. */
export function acceptedMimeType(
  metadata: Pick<Metadata, 'format' | 'compression'>,
): AcceptedMimeType | null {
  switch (metadata.format) {
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'heif':
      // HEIC (HEVC-compressed HEIF) is refused: browsers other than Safari cannot show it.
      return metadata.compression === 'av1' ? 'image/avif' : null;
    default:
      return null;
  }
}

/**
 * The input, upright. Animated WebP and AVIF are read as their first frame (sharp's default),
 * so the library holds still images. Without keepMetadata() sharp writes no EXIF, XMP or
 * IPTC and converts to sRGB.
 */
function decode(buffer: Buffer): Sharp {
  return sharp(buffer, INPUT_OPTIONS).rotate().timeout(TIMEOUT);
}

function encodeOriginal(image: Sharp, mimeType: AcceptedMimeType): Promise<Buffer> {
  // High quality: this copy stands in for the upload, and a future change of variant widths
  // would be generated from it. AVIF at the lowest effort: at sharp's default (4), one
  // 12-megapixel photo took 12 to 45 seconds on this two-core server, at 0 about 3; a lower
  // effort costs file size, not quality.
  const encoders = {
    'image/jpeg': () => image.jpeg({ quality: 90 }),
    'image/png': () => image.png(),
    'image/webp': () => image.webp({ quality: 90 }),
    'image/avif': () => image.avif({ quality: 70, effort: 0 }),
  };
  return encoders[mimeType]().toBuffer();
}

type Raw = { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };

/**
 * The image decoded once, upright, in 8-bit sRGB, and no wider than the largest variant: every
 * variant is resized from these pixels, which are lossless, so no variant is a re-encode of
 * another. Capped at 1920 wide, it is small for any ordinary shape (7 MB for a 3:2 photo).
 */
async function workingCopy(buffer: Buffer): Promise<Raw> {
  const { data, info } = await decode(buffer)
    .resize({ width: VARIANT_WIDTHS.at(-1), withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

async function makeVariants(raw: Raw, width: number): Promise<ProcessedImage['variants']> {
  const variants: ProcessedImage['variants'] = [];
  const encodedAt = new Map<number, Buffer>();
  for (const slot of VARIANT_WIDTHS) {
    // withoutEnlargement: a narrow original gives its own width to every larger slot, so
    // those slots are the same picture; encode it once.
    const target = Math.min(slot, width);
    let data = encodedAt.get(target);
    if (!data) {
      data = await sharp(raw.data, { raw: raw.info })
        .resize({ width: target, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      encodedAt.set(target, data);
    }
    variants.push({ width: slot, data });
  }
  return variants;
}

/** Runs a sharp pipeline; a failure while decoding untrusted input is the input's fault. */
async function run<T>(pipeline: () => Promise<T>): Promise<T> {
  try {
    return await pipeline();
  } catch (error) {
    throw inputError(error, DAMAGED);
  }
}

function inputError(error: unknown, fallback: string): MediaInputError {
  const message = error instanceof Error ? error.message : '';
  // libvips reports the pixel limit from the header, before any pixel is decoded.
  const refused = /exceeds pixel limit/i.test(message)
    ? new MediaInputError(TOO_MANY_PIXELS)
    : new MediaInputError(fallback);
  refused.cause = error;
  return refused;
}
