import sharp, { type Metadata, type Sharp } from 'sharp';
import {
  IMAGE_TIME_LIMIT_SECONDS,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  MAX_UPLOAD_BYTES,
  TOO_LARGE_FILE_MESSAGE,
  VARIANT_WIDTHS,
  type AcceptedMimeType,
  type VariantWidth,
} from './constants';
import { isAppError, type AppError } from '../errors/app-error';
import { mediaInputError } from './errors';
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
/** When libvips refuses the size itself, after the header said it was within the limits. */
export const TOO_MANY_PIXELS = `This image is too large: at most ${MAX_IMAGE_SIDE.toLocaleString('en')} pixels on a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels in all.`;
export const DAMAGED = 'This image could not be read; the file may be damaged or incomplete.';
export const TOO_SLOW = `This image took too long to process (the limit is ${IMAGE_TIME_LIMIT_SECONDS} seconds). Try a smaller image, or save it as a JPEG.`;

const count = (value: number) => value.toLocaleString('en');

/** The refusal of an image that declares `width`×`height`, with its size and the limit it breaks. */
export function tooManyPixels(width: number, height: number): string {
  const size = `This image is ${count(width)} × ${count(height)} pixels`;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return `${size}; at most ${count(MAX_IMAGE_SIDE)} pixels on a side are accepted.`;
  }
  const megapixels = ((width * height) / 1_000_000).toLocaleString('en', {
    maximumFractionDigits: 1,
  });
  return `${size} (${megapixels} megapixels); at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels are accepted.`;
}

// Decoding untrusted input: sharp's default failOn ('warning') refuses damaged data, and the
// pixel limit makes libvips refuse more pixels than MAX_IMAGE_PIXELS from what it finds, even
// when the header read first (readMetadata) said otherwise.
const INPUT_OPTIONS = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning' } as const;

export type ProcessImageOptions = {
  /** The time all of this image's pipelines may take together (IMAGE_TIME_LIMIT_SECONDS). */
  timeLimitSeconds?: number;
};

/**
 * One image's time budget. Each sharp pipeline gets what is left as its timeout (whole
 * seconds, as sharp counts them), and none starts once it is spent.
 */
class Deadline {
  private readonly end: number;

  constructor(seconds: number) {
    this.end = Date.now() + seconds * 1000;
  }

  timeout(): { seconds: number } {
    const left = this.end - Date.now();
    if (left <= 0) throw mediaInputError(TOO_SLOW);
    return { seconds: Math.max(1, Math.ceil(left / 1000)) };
  }
}

/** Refuses a size that is out of bounds before anything is read or decoded. */
export function assertUploadSize(bytes: number): void {
  if (bytes === 0) throw mediaInputError(EMPTY_FILE);
  if (bytes > MAX_UPLOAD_BYTES) throw mediaInputError(TOO_LARGE_FILE);
}

/**
 * Checks an upload and prepares the files to store: the format comes from the bytes (a text
 * file or an SVG renamed .png is refused), the size and pixel count are bounded, and every
 * file produced is a fresh encode by sharp, so no EXIF (camera serial numbers, GPS position)
 * and no payload smuggled beside the pixels reaches the public URLs.
 */
export async function processImage(
  buffer: Buffer,
  originalName: string,
  { timeLimitSeconds = IMAGE_TIME_LIMIT_SECONDS }: ProcessImageOptions = {},
): Promise<ProcessedImage> {
  assertUploadSize(buffer.length);
  const deadline = new Deadline(timeLimitSeconds);
  const metadata = await readMetadata(buffer);
  const mimeType = acceptedMimeType(metadata);
  if (!mimeType) throw mediaInputError(NOT_AN_IMAGE);
  // autoOrient holds the dimensions once the EXIF orientation is applied, as displayed. The
  // size the header declares is refused here, before a single pixel is decoded.
  const { width, height } = metadata.autoOrient;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw mediaInputError(tooManyPixels(width, height));
  }

  // Two decodes rather than one per file, since decoding dominates the cost (seconds, for an
  // AVIF): the original is re-encoded at full size, and the variants all come from one small
  // decoded working copy.
  const original = await run(() => encodeOriginal(decode(buffer, deadline), mimeType));
  const variants = await makeVariants(
    await run(() => workingCopy(buffer, deadline)),
    width,
    deadline,
  );
  return {
    mimeType,
    width,
    height,
    originalName: cleanOriginalName(originalName),
    original,
    variants,
  };
}

/**
 * The header: format and declared size. Reading it decodes no pixels, so it runs without the
 * pixel limit, which would refuse a bomb without saying how large it claims to be.
 */
async function readMetadata(buffer: Buffer): Promise<Metadata> {
  try {
    return await sharp(buffer, { ...INPUT_OPTIONS, limitInputPixels: false }).metadata();
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
function decode(buffer: Buffer, deadline: Deadline): Sharp {
  return sharp(buffer, INPUT_OPTIONS).rotate().timeout(deadline.timeout());
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
async function workingCopy(buffer: Buffer, deadline: Deadline): Promise<Raw> {
  const { data, info } = await decode(buffer, deadline)
    .resize({ width: VARIANT_WIDTHS.at(-1), withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

async function makeVariants(
  raw: Raw,
  width: number,
  deadline: Deadline,
): Promise<ProcessedImage['variants']> {
  const variants: ProcessedImage['variants'] = [];
  const encodedAt = new Map<number, Buffer>();
  for (const slot of VARIANT_WIDTHS) {
    // withoutEnlargement: a narrow original gives its own width to every larger slot, so
    // those slots are the same picture; encode it once.
    const target = Math.min(slot, width);
    let data = encodedAt.get(target);
    if (!data) {
      // Our own decoded pixels, never wider than 1,920; limited and timed all the same.
      const timeout = deadline.timeout();
      data = await run(() =>
        sharp(raw.data, { raw: raw.info, limitInputPixels: MAX_IMAGE_PIXELS })
          .resize({ width: target, withoutEnlargement: true })
          .webp({ quality: 80 })
          .timeout(timeout)
          .toBuffer(),
      );
      encodedAt.set(target, data);
    }
    variants.push({ width: slot, data });
  }
  return variants;
}

/**
 * Runs a sharp pipeline; a failure while decoding untrusted input is the input's fault, and a
 * refusal already made (the time budget spent before it started) passes through as it is.
 */
async function run<T>(pipeline: () => Promise<T>): Promise<T> {
  try {
    return await pipeline();
  } catch (error) {
    if (isAppError(error)) throw error;
    throw inputError(error, DAMAGED);
  }
}

/** What to tell the uploader about a sharp failure: `fallback` unless it says more. */
export function inputError(error: unknown, fallback: string): AppError {
  const message = error instanceof Error ? error.message : '';
  // libvips reports the pixel limit from the header, before any pixel is decoded; sharp's
  // timeout as "timeout: <n>% complete" (its progress callback kills the pipeline).
  const refused = /exceeds pixel limit/i.test(message)
    ? mediaInputError(TOO_MANY_PIXELS)
    : /\btimeout: \d+% complete/i.test(message)
      ? mediaInputError(TOO_SLOW)
      : mediaInputError(fallback);
  refused.cause = error;
  return refused;
}
