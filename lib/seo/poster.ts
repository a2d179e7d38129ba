import { VARIANT_WIDTHS, type VariantWidth } from '../media/constants';

// The poster as shared outside the site (Open Graph, Twitter cards, JSON-LD): one stored WebP
// variant, /media/<id>/1280.webp, which every upload has (lib/media/process-image.ts).

const SHARE_WIDTH: VariantWidth = 1280;
if (!VARIANT_WIDTHS.includes(SHARE_WIDTH)) throw new Error('1280 is not a stored variant width.');

export type SharedImage = { url: string; width: number; height: number };

/**
 * The poster's 1280 variant with its pixel size. Variants are never enlarged, so a narrower
 * original gives its own width; the height keeps the aspect ratio, as sharp rounds it.
 */
export function posterImage(poster: { id: number; width: number; height: number }): SharedImage {
  const width = Math.min(SHARE_WIDTH, poster.width);
  const height = Math.max(1, Math.round((poster.height * width) / poster.width));
  return { url: `/media/${poster.id}/${SHARE_WIDTH}.webp`, width, height };
}
