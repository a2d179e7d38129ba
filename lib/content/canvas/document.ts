import type { JSONContent } from '@tiptap/core';
import type { ReviewSection } from '../review-content';
import { SECTION_KINDS } from '../vocabulary';
import { SECTION_HEADING } from './section-heading';

const KINDS = new Set<unknown>(SECTION_KINDS);

// The writing canvas edits a review's sections as one document: each section is a section
// heading (its id, kind and spoiler flag as attributes, its heading as text) followed by its
// body's blocks. Storage, merge, history, the reader page and search keep ordered sections, so
// the two mappings here are exact inverses: sections → document → sections gives back the same
// sections, ids, empty headings (the opening) and empty sections (one empty paragraph) included
// (tests/content/canvas-document.test.ts).

export type CanvasSection = Pick<ReviewSection, 'id' | 'kind' | 'heading' | 'spoiler' | 'body'>;

/** The canvas document of `sections`, in order. */
export function sectionsToDocument(sections: readonly CanvasSection[]): JSONContent {
  const content: JSONContent[] = [];
  for (const section of sections) {
    content.push({
      type: SECTION_HEADING,
      attrs: { id: section.id, kind: section.kind, spoiler: section.spoiler },
      // ProseMirror has no empty text node: an empty heading has no content.
      ...(section.heading === '' ? {} : { content: [{ type: 'text', text: section.heading }] }),
    });
    content.push(...(section.body.content ?? []));
  }
  return { type: 'doc', content };
}

/** A section heading's text: its text nodes joined (the heading allows no marks). */
function headingText(node: JSONContent): string {
  return (node.content ?? []).map((child) => child.text ?? '').join('');
}

/**
 * The sections of a canvas document. Blocks before the first section heading (the document
 * schema allows none; a pasted or hostile document might) are not dropped: they become the
 * body of a first section with no heading, `newId()` naming it. A section's id is kept unless
 * another section before it has the same one, and an unknown kind is "custom".
 */
export function documentToSections(doc: JSONContent, newId: () => string): CanvasSection[] {
  const sections: CanvasSection[] = [];
  const seen = new Set<string>();
  let current: CanvasSection | null = null;
  for (const node of doc.content ?? []) {
    if (node.type === SECTION_HEADING) {
      const attrs = node.attrs ?? {};
      // A heading copied and pasted brings its id along: the copy is a new section.
      const id =
        typeof attrs.id === 'string' && attrs.id && !seen.has(attrs.id) ? attrs.id : newId();
      seen.add(id);
      current = {
        id,
        kind: KINDS.has(attrs.kind) ? (attrs.kind as CanvasSection['kind']) : 'custom',
        heading: headingText(node),
        spoiler: attrs.spoiler === true,
        body: { type: 'doc', content: [] },
      };
      sections.push(current);
      continue;
    }
    if (!current) {
      current = {
        id: newId(),
        kind: 'custom',
        heading: '',
        spoiler: false,
        body: { type: 'doc', content: [] },
      };
      sections.push(current);
    }
    current.body.content!.push(node);
  }
  // Stored bodies hold at least one block: a section left with none has one empty paragraph.
  for (const section of sections)
    if (section.body.content!.length === 0) section.body.content!.push({ type: 'paragraph' });
  return sections;
}
