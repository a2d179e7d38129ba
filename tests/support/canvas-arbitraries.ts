import { getSchema, type JSONContent } from '@tiptap/core';
import fc from 'fast-check';
import type { CanvasSection } from '../../lib/content/canvas/document';
import { canvasExtensions } from '../../lib/content/canvas/extensions';
import { SECTION_KINDS } from '../../lib/content/vocabulary';

// Random reviews' sections for the canvas's property tests: the blocks a section body holds,
// the opening (a first section with no heading), unique ids. And what those tests share: the
// canvas's ProseMirror schema, and an id maker that fails the test if a section needs one.

export const canvasSchema = getSchema(canvasExtensions);

/** For documents whose sections all have ids already: asking for a new one is a failure. */
export const noNewId = () => {
  throw new Error('a section lost its id');
};

export const text = fc.stringMatching(/^[A-Za-z0-9 ,.’é한—-]{1,40}$/).filter((t) => t.trim() === t);
const paragraph = text.map((t): JSONContent => ({
  type: 'paragraph',
  content: [{ type: 'text', text: t }],
}));
const block: fc.Arbitrary<JSONContent> = fc.oneof(
  paragraph,
  fc.constant<JSONContent>({ type: 'paragraph' }),
  text.map((t) => ({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: t }] })),
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => ({
    type: 'bulletList',
    content: items.map((item) => ({ type: 'listItem', content: [item] })),
  })),
  paragraph.map((p) => ({ type: 'blockquote', content: [p] })),
  fc.constant<JSONContent>({ type: 'horizontalRule' }),
  fc.nat({ max: 999 }).map((id) => ({
    type: 'image',
    attrs: { src: `/media/${id}/1280.webp`, alt: 'A still', title: null, width: 1280, height: 720 },
  })),
);
const section = (first: boolean): fc.Arbitrary<CanvasSection> =>
  fc.record({
    id: fc.uuid({ version: 4 }),
    kind: fc.constantFrom(...SECTION_KINDS),
    heading: first ? fc.oneof(fc.constant(''), text) : text,
    spoiler: fc.boolean(),
    // Stored bodies hold at least one block (an empty section is one empty paragraph).
    body: fc
      .array(block, { minLength: 1, maxLength: 4 })
      .map((content) => ({ type: 'doc', content })),
  });
export const sectionList = fc
  .tuple(section(true), fc.array(section(false), { maxLength: 6 }))
  .map(([first, rest]) => [first, ...rest])
  .filter((list) => new Set(list.map((s) => s.id)).size === list.length);
