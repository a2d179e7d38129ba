import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, VARIANT_WIDTHS } from '../../lib/media/constants';
import type { AppError } from '../../lib/errors/app-error';
import {
  acceptedMimeType,
  DAMAGED,
  EMPTY_FILE,
  NOT_AN_IMAGE,
  processImage,
  TOO_LARGE_FILE,
  tooManyPixels,
} from '../../lib/media/process-image';
import { makeImage, makeRotatedJpeg, pngGreyAlpha16, pngHeaderOnly, SVG } from './fixtures';

async function refusal(buffer: Buffer, name = 'upload.png'): Promise<AppError> {
  const error = await processImage(buffer, name).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code: 'invalid' });
  return error as AppError;
}

describe('processImage: accepted formats, detected from the content', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['avif', 'image/avif'],
  ] as const)('accepts %s as %s, whatever the file is called', async (format, mimeType) => {
    const image = await processImage(await makeImage(format, 200, 120), 'misleading.gif');
    expect(image).toMatchObject({ mimeType, width: 200, height: 120 });
    // The stored original is in the detected format.
    expect((await sharp(image.original).metadata()).format).toBe(
      format === 'avif' ? 'heif' : format,
    );
  });

  it.each([
    ['a text file', Buffer.from('Just some notes, saved as a PNG by mistake.\n')],
    ['an SVG (which can carry script)', SVG],
    ['random bytes', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256))],
  ])('refuses %s named .png', async (_label, buffer) => {
    expect((await refusal(buffer, 'photo.png')).message).toBe(NOT_AN_IMAGE);
  });

  it.each(['gif', 'tiff'] as const)('refuses a real %s image named .png', async (format) => {
    expect((await refusal(await makeImage(format), 'photo.png')).message).toBe(NOT_AN_IMAGE);
  });

  it('tells AVIF from HEIC: both are HEIF, only AV1 compression is accepted', () => {
    // sharp cannot encode HEVC, so the decision is tested on the metadata it would report.
    expect(acceptedMimeType({ format: 'heif', compression: 'av1' })).toBe('image/avif');
    expect(acceptedMimeType({ format: 'heif', compression: 'hevc' })).toBeNull();
    expect(acceptedMimeType({ format: 'heif' })).toBeNull();
    expect(acceptedMimeType({ format: 'svg' })).toBeNull();
  });

  it('refuses a damaged (truncated) image', async () => {
    const jpeg = await makeImage('jpeg', 400, 300);
    expect((await refusal(jpeg.subarray(0, jpeg.length / 2), 'cut.jpg')).message).toBe(DAMAGED);
  });
});

describe('processImage: size limits', () => {
  it('refuses an empty file', async () => {
    expect((await refusal(Buffer.alloc(0))).message).toBe(EMPTY_FILE);
  });

  it('refuses more than 10 MB before decoding anything', async () => {
    // Starts like a PNG, so only the size can be the reason.
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    (await makeImage('png')).copy(big);
    expect((await refusal(big)).message).toBe(TOO_LARGE_FILE);
  });

  it('accepts exactly 10 MB', async () => {
    // A valid PNG followed by padding up to the limit: decoders stop at IEND.
    const png = await makeImage('png');
    const padded = Buffer.concat([png, Buffer.alloc(MAX_UPLOAD_BYTES - png.length)]);
    expect((await processImage(padded, 'padded.png')).mimeType).toBe('image/png');
  });

  it('refuses a side over 12,000 pixels', async () => {
    const wide = await sharp({
      create: { width: 12_001, height: 4, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    expect((await refusal(wide)).message).toBe(tooManyPixels(12_001, 4));
    expect(tooManyPixels(12_001, 4)).toBe(
      'This image is 12,001 × 4 pixels; at most 12,000 pixels on a side are accepted.',
    );
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    // 11,000 × 11,000 = 121 megapixels: each side is allowed, the total is not.
    const bomb = pngHeaderOnly(11_000, 11_000);
    expect(bomb.length).toBeLessThan(100);
    expect((await refusal(bomb)).message).toBe(tooManyPixels(11_000, 11_000));
    expect((await refusal(pngHeaderOnly(60_000, 60_000))).message).toBe(
      tooManyPixels(60_000, 60_000),
    );
  });
});

describe('processImage: variants', () => {
  it('makes a WebP at every variant width, never wider than the original', async () => {
    const image = await processImage(await makeImage('jpeg', 1500, 1000), 'still.jpg');
    expect(image.variants.map((variant) => variant.width)).toEqual([...VARIANT_WIDTHS]);
    for (const variant of image.variants) {
      const metadata = await sharp(variant.data).metadata();
      expect(metadata.format).toBe('webp');
      expect(metadata.width).toBe(Math.min(variant.width, 1500));
      // The aspect ratio is kept.
      expect(metadata.height).toBe(Math.round((Math.min(variant.width, 1500) * 1000) / 1500));
    }
  });

  it('does not enlarge a small image', async () => {
    const image = await processImage(await makeImage('png', 300, 200), 'small.png');
    for (const variant of image.variants) {
      expect((await sharp(variant.data).metadata()).width).toBe(300);
    }
  });

  it('keeps transparency, from a 16-bit greyscale PNG as from any other', async () => {
    const png = pngGreyAlpha16(400, 300, 30_000, 32_768);
    expect(await sharp(png).metadata()).toMatchObject({ channels: 2, depth: 'ushort' });
    const image = await processImage(png, 'overlay.png');
    for (const variant of image.variants) {
      const metadata = await sharp(variant.data).metadata();
      expect(metadata).toMatchObject({ format: 'webp', hasAlpha: true });
      expect(metadata.width).toBe(Math.min(variant.width, 400));
      // Still half transparent, not flattened.
      const alpha = (await sharp(variant.data).stats()).channels.at(-1)!;
      expect(alpha.mean).toBeCloseTo(128, -1);
    }
  });

  it('applies the EXIF orientation and strips the metadata', async () => {
    // Stored 64×32 with "rotate 90°": displayed 32 wide and 64 tall.
    const jpeg = await makeRotatedJpeg(64, 32);
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    const image = await processImage(jpeg, 'phone.jpg');
    expect(image).toMatchObject({ width: 32, height: 64 });
    for (const data of [image.original, ...image.variants.map((variant) => variant.data)]) {
      const metadata = await sharp(data).metadata();
      expect({ width: metadata.width, height: metadata.height }).toEqual({ width: 32, height: 64 });
      expect(metadata.orientation).toBeUndefined();
      expect(metadata.exif).toBeUndefined();
    }
  });
});

describe('processImage: the original name', () => {
  it('keeps only a cleaned base name, for display', async () => {
    const image = await processImage(
      await makeImage('png'),
      '..\\..//etc/pass\u202Ewd\u0000  poster.png',
    );
    expect(image.originalName).toBe('passwd poster.png');
    expect((await processImage(await makeImage('png'), '../')).originalName).toBe('image');
  });
});
