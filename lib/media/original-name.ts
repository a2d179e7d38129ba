const MAX_NAME_LENGTH = 200;

/**
 * The uploaded file's name, made safe to show in the library: only the last path segment
 * (a forged request can send any string), without control or bidirectional-override
 * characters, whitespace collapsed, and at most 200 characters. It is only ever displayed:
 * nothing on disk is named after it.
 */
export function cleanOriginalName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const limited = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('');
  return limited || 'image';
}
