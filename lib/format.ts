const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const listFormat = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

/** A date as readers see it; public queries hand dates over as ISO strings (they are cached). */
export function formatDate(date: Date | string): string {
  return dateFormat.format(new Date(date));
}

/** ISO date for <time dateTime>. */
export function isoDate(date: Date | string): string {
  return new Date(date).toISOString();
}

export function formatList(items: string[]): string {
  return listFormat.format(items);
}

/**
 * The separators formatList puts after each of `count` items (", ", " and ", ""), for lists
 * whose items are elements (links) rather than strings.
 */
export function listParts(count: number): string[] {
  const marks = Array.from({ length: count }, (_, index) => `\u0000${index}\u0000`);
  return listFormat
    .format(marks)
    .split(/\u0000\d+\u0000/)
    .slice(1);
}

/** 94 → "1 h 34 min". */
export function formatRuntime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
