import { Node, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { ImageBlock, STARTER_KIT_OPTIONS } from '../rich-text/extensions';
import { SECTION_HEADING, SectionHeading } from './section-heading';

// The writing canvas's schema: a section body's blocks (the same extensions, so what the canvas
// holds is what the server validates and the reader page renders), in one document that starts
// with a section heading and may start a new section anywhere between blocks.

const CanvasDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: `${SECTION_HEADING} (${SECTION_HEADING} | block)*`,
});

export const canvasExtensions: AnyExtension[] = [
  StarterKit.configure({ ...STARTER_KIT_OPTIONS, document: false }),
  ImageBlock,
  CanvasDocument,
  SectionHeading,
];
