// Trimming by character class without a regular expression anchored at the end: `/x+$/` is
// tried from every position of a long run of x, which is quadratic on a hostile line (a 72 KB
// line of ★ took 14 s). These walk the string once, one code point at a time.

/** `text` without the characters at its end that `isTrimmed` accepts (one code point each). */
export function trimEndWhere(text: string, isTrimmed: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0) {
    const start = codePointStartBefore(text, end);
    if (!isTrimmed(text.slice(start, end))) break;
    end = start;
  }
  return text.slice(0, end);
}

/** `text` without the characters at its start that `isTrimmed` accepts (one code point each). */
export function trimStartWhere(text: string, isTrimmed: (char: string) => boolean): string {
  let start = 0;
  while (start < text.length) {
    const width = (text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1;
    if (!isTrimmed(text.slice(start, start + width))) break;
    start += width;
  }
  return text.slice(start);
}

/** A test for one character, from a pattern that matches a single character. */
export function charIn(pattern: RegExp): (char: string) => boolean {
  return (char) => pattern.test(char);
}

/** `text` without the given characters at either end. */
export function trimChars(text: string, chars: string): string {
  const isTrimmed = (char: string) => chars.includes(char);
  return trimStartWhere(trimEndWhere(text, isTrimmed), isTrimmed);
}

/** `text` without the given characters at its end. */
export function trimEndChars(text: string, chars: string): string {
  return trimEndWhere(text, (char) => chars.includes(char));
}

function codePointStartBefore(text: string, end: number): number {
  const low = text.charCodeAt(end - 1);
  if (end >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return end - 2;
  }
  return end - 1;
}
