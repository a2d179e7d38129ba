import zlib from 'node:zlib';
import sharp from 'sharp';

// Real images made with sharp, so the tests exercise the same decoders as production.

type Format = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff';

/** A `width`×`height` image in `format`, with some noise so encoders have real work. */
export function makeImage(format: Format, width = 64, height = 48): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 180, g: 60, b: 40 },
      noise: { type: 'gaussian', mean: 120, sigma: 20 },
    },
  })
    .toFormat(format)
    .toBuffer();
}

/** A JPEG stored sideways, as phones do: landscape pixels plus EXIF "rotate 90° clockwise". */
export function makeRotatedJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#246' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>alert(1)</script>' +
    '<rect width="40" height="40" fill="red"/></svg>',
);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(width: number, height: number, bitDepth: number, colourType: number, pixels: Buffer) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(bitDepth, 8);
  header.writeUInt8(colourType, 9);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PNG that only declares its size: a valid signature and header for a `width`×`height`
 * greyscale image, and no pixel data. Enough for a decoder to learn what decoding it would
 * cost, which is the point of a decompression bomb.
 */
export function pngHeaderOnly(width: number, height: number): Buffer {
  return png(width, height, 8, 0, Buffer.alloc(0));
}

/**
 * A 16-bit greyscale PNG with an alpha channel, every pixel `grey` at `alpha` (0 to 65535),
 * written by hand: sharp's own conversions to grey16 do not keep an alpha channel apart.
 */
export function pngGreyAlpha16(width: number, height: number, grey: number, alpha: number) {
  const row = Buffer.alloc(1 + width * 4); // filter byte 0 (none), then grey and alpha pairs
  for (let x = 0; x < width; x++) {
    row.writeUInt16BE(grey, 1 + x * 4);
    row.writeUInt16BE(alpha, 3 + x * 4);
  }
  return png(width, height, 16, 4, Buffer.concat(Array.from({ length: height }, () => row)));
}
