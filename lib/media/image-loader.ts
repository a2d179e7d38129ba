import type { ImageLoaderProps } from 'next/image';
import { VARIANT_WIDTHS } from './constants';

// The next/image loader for the whole app (next.config.ts, images.loaderFile). Uploads are
// resized once, when they arrive, so there is no resizing service to call: the loader picks
// the stored WebP variant that covers the width the browser asks for. It runs in the browser
// (inside next/image, for the admin's media grid) as well as on the server (getImageProps, for
// reader pages' plain <img>), so it imports nothing from Node, and it is not 'use client': a
// client reference could not be called on the server.

const MEDIA_SRC = /^\/media\/([1-9][0-9]*)$/;

/** The smallest variant at least `width` wide, or the largest there is. */
export function variantWidthFor(width: number): number {
  return VARIANT_WIDTHS.find((candidate) => candidate >= width) ?? VARIANT_WIDTHS.at(-1)!;
}

/**
 * `/media/<id>` → `/media/<id>/<w>.webp`. Any other src is returned unchanged: it is not an
 * upload and has no variants (give such images `unoptimized`, or Next warns in development).
 */
export default function mediaImageLoader({ src, width }: ImageLoaderProps): string {
  const match = MEDIA_SRC.exec(src);
  if (!match) return src;
  return `/media/${match[1]}/${variantWidthFor(width)}.webp`;
}
