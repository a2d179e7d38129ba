import { Node, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { ImageBlock, STARTER_KIT_OPTIONS } from '../rich-text/extensions';
import { SECTION_HEADING, SectionHeading } from './section-heading';

// The writing canvas's schema: a section body's blocks (the same extensions, so what the canvas
// holds is what the server validates and the reader page renders), in one document that starts
// with a section heading and may start a new section anywhere between blocks. "block" comes
// first in the repetition so that ProseMirror's default block there (what Enter at the end of a
// heading makes) is a paragraph, not another section.

const CanvasDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: `${SECTION_HEADING} (block | ${SECTION_HEADING})*`,
});

export const canvasExtensions: AnyExtension[] = [
  // The empty line kept at the end is a paragraph (of the last section), never a new heading.
  StarterKit.configure({
    ...STARTER_KIT_OPTIONS,
    document: false,
    trailingNode: { node: 'paragraph' },
  }),
  ImageBlock,
  CanvasDocument,
  SectionHeading,
];
