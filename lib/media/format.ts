import type { AcceptedMimeType } from './constants';
import { isAcceptedMimeType } from './constants';

// How the media library describes an image's file to staff.

const TYPE_NAMES: Record<AcceptedMimeType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/avif': 'AVIF',
};

/** "PNG", or the stored MIME type itself if it is not one of ours. */
export function typeName(mimeType: string): string {
  return isAcceptedMimeType(mimeType) ? TYPE_NAMES[mimeType] : mimeType;
}

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/**
 * A file size in binary units, as the upload limit is counted ("10 MB" is 10 × 1024 × 1024
 * bytes): "912 bytes", "48.3 KB", "2.1 MB".
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${oneDecimal.format(bytes / 1024)} KB`;
  return `${oneDecimal.format(bytes / (1024 * 1024))} MB`;
}

/**
 * The pixel width of the file stored for a variant slot: the slot's width, or the original's
 * when the original is narrower (variants are never enlarged; lib/media/process-image.ts).
 */
export function variantPixelWidth(slot: number, originalWidth: number): number {
  return Math.min(slot, originalWidth);
}
