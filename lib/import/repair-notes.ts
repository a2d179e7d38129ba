// The notes the encoding repair (lib/import/repair.ts) keeps of what it changed, or found
// suspicious, in a line: repair.ts turns them into the import's warnings.

export type Reason =
  | 'cp1252'
  | 'double'
  | 'greek'
  | 'greek-lost'
  | 'cp1252-lost'
  | 'emoji-lost'
  | 'char-lost'
  | 'suspect';

export const REASONS: Record<Reason, string> = {
  cp1252: 'UTF-8 read as Windows-1252',
  double: 'UTF-8 encoded twice',
  greek: 'UTF-8 read as Greek ISO-8859-7',
  'greek-lost': 'UTF-8 read as Greek ISO-8859-7 with bytes lost, restored from context',
  'cp1252-lost': 'UTF-8 read as Windows-1252 with a byte lost, restored from context',
  'emoji-lost': 'what was left of an emoji',
  'char-lost':
    'a character lost a byte in a wrong code page and cannot be restored: check the original',
  suspect:
    'a letter of another script inside a word: it may be a character that lost a byte in a wrong code page; check the original',
};

export type Note = { before: string; after: string; reason: Reason };

/**
 * The words around a change of `chars[start..end)` into `replacement`, before and after it,
 * for the warning.
 */
export function context(
  chars: readonly string[],
  start: number,
  end: number,
  replacement: string,
): Pick<Note, 'before' | 'after'> {
  const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
  let left = start;
  while (left > 0 && !isSpace(chars[left - 1]) && start - left < 24) left--;
  if (left === start) {
    // The change starts a word: show the word before it too.
    while (left > 0 && isSpace(chars[left - 1]) && start - left < 24) left--;
    while (left > 0 && !isSpace(chars[left - 1]) && start - left < 48) left--;
  }
  let right = end;
  while (right < chars.length && !isSpace(chars[right]) && right - end < 24) right++;
  if (right === end) {
    while (right < chars.length && isSpace(chars[right]) && right - end < 24) right++;
    while (right < chars.length && !isSpace(chars[right]) && right - end < 48) right++;
  }
  const slice = (from: number, to: number) => chars.slice(from, to).join('');
  return {
    before: slice(left, right).trim(),
    after: (slice(left, start) + replacement + slice(end, right)).trim(),
  };
}
