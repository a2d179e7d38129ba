import { trimChars } from './trim';

/**
 * A URL slug from any text: "Lee Je-hoon" → "lee-je-hoon", "Amélie (2001)" → "amelie-2001".
 * Accents are folded to their base letters; anything else that is not a letter or digit
 * becomes a single hyphen.
 */
export function slugify(text: string): string {
  const hyphenated = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return trimChars(hyphenated, '-');
}
