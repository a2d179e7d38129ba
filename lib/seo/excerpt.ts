import type { JSONContent } from '@tiptap/core';
import { plainBlocks } from '../content/rich-text/plain-blocks';
import { collapseWhitespace, truncateText } from './text';

// Short plain-text summaries of a review for search engines, social cards and the feed. They
// are built from the dek and the first section that is NOT marked as a spoiler: a spoiler
// section's body is never read here, whatever its position.

type SectionLike = { spoiler: boolean; body: unknown };

/** The length of a meta description search engines show in full. */
export const DESCRIPTION_LENGTH = 160;
/** About how long a feed item's excerpt is. */
export const EXCERPT_LENGTH = 500;

const TEXT_BLOCKS = new Set(['paragraph', 'quote', 'listItem']);

/** A section body's paragraphs (quotes and list items included) as plain text. */
export function sectionParagraphs(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  return plainBlocks(body as JSONContent)
    .filter((block) => TEXT_BLOCKS.has(block.kind))
    .map((block) => collapseWhitespace(block.text))
    .filter((text) => text !== '');
}

/** The paragraphs of the first non-spoiler section that has any text. */
export function leadParagraphs(sections: readonly SectionLike[]): string[] {
  for (const section of sections) {
    if (section.spoiler) continue;
    const paragraphs = sectionParagraphs(section.body);
    if (paragraphs.length > 0) return paragraphs;
  }
  return [];
}

/**
 * The dek followed by the lead paragraphs, about `max` characters in all: whole paragraphs
 * while they fit, then the next one cut at a word with an ellipsis.
 */
export function excerptParagraphs(
  review: { dek: string; sections: readonly SectionLike[] },
  max = EXCERPT_LENGTH,
): string[] {
  const source = [collapseWhitespace(review.dek), ...leadParagraphs(review.sections)].filter(
    (text) => text !== '',
  );
  const excerpt: string[] = [];
  let used = 0;
  for (const paragraph of source) {
    const room = max - used;
    const length = Array.from(paragraph).length;
    if (length <= room) {
      excerpt.push(paragraph);
      used += length;
      continue;
    }
    // A paragraph cut to a few words reads worse than stopping after the previous one.
    if (excerpt.length === 0 || room >= 80) excerpt.push(truncateText(paragraph, room));
    break;
  }
  return excerpt;
}

/**
 * The meta description: the dek, or, when there is none, the first non-spoiler paragraph;
 * cut at a word to about 160 characters either way (what search results show; a longer one is
 * cut by them and sent three times over in every page's head and its RSC payload).
 */
export function reviewDescription(review: {
  dek: string;
  sections: readonly SectionLike[];
}): string {
  const dek = collapseWhitespace(review.dek);
  const [first] = dek !== '' ? [dek] : leadParagraphs(review.sections);
  return first ? truncateText(first, DESCRIPTION_LENGTH) : '';
}
