import type { JSONContent } from '@tiptap/core';
import { plainBlocks } from './rich-text/plain-blocks';

// How long a review is, as the editor shows it: words and reading time for each section and the
// whole review. Words are what a reader reads: the text of paragraphs, headings, list items and
// quotes (an image's alt text is not read, nor is a rule). Counted with Intl.Segmenter, so
// "Gyu-nam’s" (one word), "3.14" and CJK text count as a reader would, in one pass.

/** Words per minute of an adult reading English prose silently (Brysbaert 2019: 238). */
export const WORDS_PER_MINUTE = 238;

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Hyphens that join two words into one ("Gyu-nam", "well‑known"), as word processors count. */
const JOINING_HYPHENS = new Set(['-', '\u2010', '\u2011']);

/** The words in a text. */
export function countTextWords(text: string): number {
  let words = 0;
  // 0: after anything else; 1: after a word; 2: after a word and a joining hyphen.
  let state = 0;
  for (const segment of segmenter.segment(text)) {
    if (segment.isWordLike) {
      if (state !== 2) words++;
      state = 1;
    } else state = state === 1 && JOINING_HYPHENS.has(segment.segment) ? 2 : 0;
  }
  return words;
}

/**
 * Counts kept per body: the editor counts every section on each keystroke, and a section no one
 * is typing in keeps the same body object.
 */
const counted = new WeakMap<JSONContent, number>();

/** The words a reader reads in a rich-text body. */
export function countBodyWords(body: JSONContent): number {
  const known = counted.get(body);
  if (known !== undefined) return known;
  let words = 0;
  for (const block of plainBlocks(body))
    if (block.kind !== 'image' && block.kind !== 'rule') words += countTextWords(block.text);
  counted.set(body, words);
  return words;
}

/** Whole minutes to read `words`, at least one for any text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** "1 word", "412 words · 2 min read": what the editor shows beside a section or the review. */
export function describeLength(words: number): string {
  const count = `${words.toLocaleString('en')} ${words === 1 ? 'word' : 'words'}`;
  return words === 0 ? count : `${count} · ${readingMinutes(words)} min read`;
}
