import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { SECTION_HEADING } from './section-heading';

// Whole sections on the canvas (a heading and the blocks up to the next heading), found by the
// heading's id, for the heading controls: move a section up or down, remove it.

export type SectionRange = { id: string; from: number; to: number };

/** Each section's span in the document, in order. */
export function sectionRanges(doc: ProseMirrorNode): SectionRange[] {
  const ranges: SectionRange[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name === SECTION_HEADING) {
      const last = ranges[ranges.length - 1];
      if (last) last.to = pos;
      ranges.push({ id: String(node.attrs.id), from: pos, to: doc.content.size });
    }
  });
  return ranges;
}

/** Swaps the section `id` with its neighbour (-1 above, +1 below); false when there is none. */
export function moveSection(tr: Transaction, id: string, offset: -1 | 1): boolean {
  const ranges = sectionRanges(tr.doc);
  const index = ranges.findIndex((range) => range.id === id);
  const other = ranges[index + offset];
  if (index < 0 || !other) return false;
  const [first, second] = offset === -1 ? [other, ranges[index]!] : [ranges[index]!, other];
  const lower = tr.doc.slice(second.from, second.to);
  // Cut the lower section out and put it back above the upper one: the same nodes, so the text
  // and ids move unchanged.
  tr.delete(second.from, second.to).insert(first.from, lower.content);
  return true;
}

/**
 * Removes the section `id` with its text. The first section can go only when another follows
 * (the document starts with a heading).
 */
export function removeSection(tr: Transaction, id: string): boolean {
  const ranges = sectionRanges(tr.doc);
  const range = ranges.find((candidate) => candidate.id === id);
  if (!range || ranges.length === 1) return false;
  tr.delete(range.from, range.to);
  return true;
}
