// The shapes of the identifiers the media library accepts from outside: a URL segment, a
// form field. Checked against fixed, anchored patterns (at most 16 digits are ever looked at),
// so a hostile value of any length costs nothing and never reaches a query or a path.

/** A positive decimal integer without a leading zero, at most 16 digits. */
const MEDIA_ID = /^[1-9][0-9]{0,15}$/;

/** The folder name uploadMedia generates for every image (crypto.randomUUID()). */
export const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The media id `value` spells, or null for anything else: a number written any other way
 * ("01", "1e3", " 1", "1.0"), zero, a negative, beyond 2^53, a File, nothing at all.
 */
export function parseMediaId(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 16 || !MEDIA_ID.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}
