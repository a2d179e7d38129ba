import type { JSONContent } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { CanvasSection } from './document';
import { SECTION_HEADING } from './section-heading';
import { SECTION_KINDS } from '../vocabulary';

// The sections of the canvas's live document, read after every keystroke. It gives what
// documentToSections(doc.toJSON()) gives (tests/content/canvas-read-sections.test.ts), but
// ProseMirror shares every node a transaction did not touch, so a section whose heading and
// blocks are the same nodes as last time is the same section object as last time: only the
// section being typed in is rebuilt, and what is cached per section (its word count, the
// saver's comparison) stays valid for the others.

const KINDS = new Set<unknown>(SECTION_KINDS);

type Run = { heading: ProseMirrorNode | null; blocks: ProseMirrorNode[] };

const sameNodes = (a: readonly ProseMirrorNode[], b: readonly ProseMirrorNode[]) =>
  a.length === b.length && a.every((node, index) => node === b[index]);

/** A reader for one editor: call it with each new document. */
export function createSectionReader(newId: () => string) {
  const json = new WeakMap<ProseMirrorNode, JSONContent>();
  const blockJson = (node: ProseMirrorNode) => {
    let known = json.get(node);
    if (!known) {
      known = node.toJSON() as JSONContent;
      json.set(node, known);
    }
    return known;
  };
  let previous: Array<{ run: Run; section: CanvasSection }> = [];

  return function readSections(doc: ProseMirrorNode): CanvasSection[] {
    const runs: Run[] = [];
    doc.forEach((node) => {
      if (node.type.name === SECTION_HEADING) runs.push({ heading: node, blocks: [] });
      else {
        if (runs.length === 0) runs.push({ heading: null, blocks: [] });
        runs[runs.length - 1]!.blocks.push(node);
      }
    });
    const byHeading = new Map(previous.map((entry) => [entry.run.heading, entry]));
    const seen = new Set<string>();
    const next = runs.map((run) => {
      const old = run.heading ? byHeading.get(run.heading) : undefined;
      const attrs = run.heading?.attrs ?? {};
      const ownId = typeof attrs.id === 'string' && attrs.id !== '' && !seen.has(attrs.id);
      if (old && ownId && sameNodes(old.run.blocks, run.blocks)) {
        seen.add(old.section.id);
        return { run, section: old.section };
      }
      const id = ownId ? (attrs.id as string) : newId();
      seen.add(id);
      const section: CanvasSection = {
        id,
        kind: KINDS.has(attrs.kind) ? (attrs.kind as CanvasSection['kind']) : 'custom',
        heading: run.heading?.textContent ?? '',
        spoiler: attrs.spoiler === true,
        // A heading followed at once by another has an empty section: stored bodies hold at
        // least one block, so it is one empty paragraph, as a new section's is.
        body: {
          type: 'doc',
          content: run.blocks.length ? run.blocks.map(blockJson) : [{ type: 'paragraph' }],
        },
      };
      return { run, section };
    });
    previous = next;
    return next.map((entry) => entry.section);
  };
}
