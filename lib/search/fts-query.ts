// Turns whatever a reader typed into a safe SQLite FTS5 MATCH expression.
//
// FTS5 has a query language of its own (quotes, `*`, `^`, `column:`, parentheses, AND, OR,
// NOT, NEAR(…)); passed through raw, a stray `"` or `NEAR(` is a syntax error and a crafted
// query can pick columns. So nothing of that language survives: the input is split into words
// (runs of Unicode letters and digits, with their combining marks, so Korean, Greek and
// accented words stay whole), every word becomes a quoted string ("word"), the last one a
// prefix ("word"*), and the strings are joined with spaces, which FTS5 reads as AND.
// Operators typed as words ("AND", "near") are quoted like any other word: they are searched
// for, never obeyed.

/** At most this many words are searched; more adds nothing but work. */
export const MAX_TERMS = 12;
/** Longer words are cut to this many characters and matched as a prefix. */
export const MAX_TERM_LENGTH = 64;
/** Only this much of the input is read. */
export const MAX_INPUT_LENGTH = 1000;

export type FtsQuery = {
  /** The MATCH expression, for example `"gyu" "nam"*`. Also the query's normalized form. */
  match: string;
  /** The words searched for, lower-cased, in order. */
  terms: string[];
};

/**
 * A letter or digit and the letters, digits and combining marks after it. Marks before it are
 * no part of a word: allowed to start one ([\p{L}\p{N}\p{M}]+), 64 marks and then a letter
 * passed as a word and, cut to 64 characters, became a term of marks alone.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** A safe MATCH expression for `input`, or null when nothing searchable remains. */
export function toFtsQuery(input: unknown): FtsQuery | null {
  if (typeof input !== 'string') return null;
  const text = input.slice(0, MAX_INPUT_LENGTH).normalize('NFC').toLowerCase();
  const terms: string[] = [];
  const prefix = new Set<string>();
  for (const [word] of text.matchAll(WORD)) {
    const chars = Array.from(word);
    const term = chars.slice(0, MAX_TERM_LENGTH).join('');
    if (chars.length > MAX_TERM_LENGTH) prefix.add(term);
    if (!terms.includes(term)) terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  if (terms.length === 0) return null;
  // The last word may be unfinished: match it as a prefix.
  prefix.add(terms[terms.length - 1]!);
  const match = terms
    .map((term) => `"${term.replaceAll('"', '""')}"${prefix.has(term) ? '*' : ''}`)
    .join(' ');
  return { match, terms };
}
