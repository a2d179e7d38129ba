import { randomUUID } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import {
  documentToSections,
  sectionsToDocument,
  type CanvasSection,
} from '../../lib/content/canvas/document';
import { canvasSchema, noNewId, sectionList } from '../support/canvas-arbitraries';

// The writing canvas edits the sections as one document; storage keeps the sections. The two
// mappings must be exact inverses, and the document must be one the canvas's schema accepts.

const schema = canvasSchema;
const roundTrip = (sections: CanvasSection[]) =>
  documentToSections(sectionsToDocument(sections), noNewId);
/** The document as ProseMirror reads it against the canvas schema (throws if it is invalid). */
const throughSchema = (doc: JSONContent) => {
  const node = ProseMirrorNode.fromJSON(schema, doc);
  node.check();
  return node.toJSON() as JSONContent;
};

describe('the canvas document and the stored sections', () => {
  it('map sections → document → sections to the same sections, ids kept', () => {
    fc.assert(
      fc.property(sectionList, (sections) => {
        expect(roundTrip(sections)).toEqual(sections);
      }),
      { numRuns: 300 },
    );
  });

  it('give a document the canvas schema accepts as it is', () => {
    fc.assert(
      fc.property(sectionList, (sections) => {
        const doc = sectionsToDocument(sections);
        const read = throughSchema(doc);
        expect(documentToSections(read, noNewId)).toEqual(documentToSections(doc, noNewId));
      }),
      { numRuns: 200 },
    );
  });

  it('keep the sample review exactly', () => {
    const sample = buildSampleReview(readSampleArticle());
    const sections = sample.sections.map(({ id, kind, heading, spoiler, body }) => ({
      id,
      kind,
      heading,
      spoiler,
      body,
    }));
    expect(roundTrip(sections)).toEqual(sections);
    expect(() => throughSchema(sectionsToDocument(sections))).not.toThrow();
  });

  it('start a section where a section heading is typed, and end it where one is removed', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const heading = (id: string, words: string) => ({
      type: 'sectionHeading',
      attrs: { id, kind: 'plot', spoiler: false },
      content: [{ type: 'text', text: words }],
    });
    const p = (words: string) => ({ type: 'paragraph', content: [{ type: 'text', text: words }] });
    const two = documentToSections(
      { type: 'doc', content: [heading(a, 'Plot'), p('one'), heading(b, 'Cast'), p('two')] },
      noNewId,
    );
    expect(two.map((s) => [s.id, s.heading, s.body.content?.length])).toEqual([
      [a, 'Plot', 1],
      [b, 'Cast', 1],
    ]);
    // The second heading deleted: its text joins the section before.
    const merged = documentToSections(
      { type: 'doc', content: [heading(a, 'Plot'), p('one'), p('two')] },
      noNewId,
    );
    expect(merged.map((s) => [s.id, s.body.content?.length])).toEqual([[a, 2]]);
  });

  it('never lose blocks or repeat an id, whatever document it is given', () => {
    const [a] = [randomUUID()];
    let n = 0;
    const newId = () => `new-${++n}`;
    const sections = documentToSections(
      {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'before any heading' }] },
          { type: 'sectionHeading', attrs: { id: a, kind: 'nonsense', spoiler: 'yes' } },
          { type: 'sectionHeading', attrs: { id: a, kind: 'cast', spoiler: true } },
        ],
      },
      newId,
    );
    expect(sections).toEqual([
      {
        id: 'new-1',
        kind: 'custom',
        heading: '',
        spoiler: false,
        body: { type: 'doc', content: [expect.anything()] },
      },
      // A section with no blocks left is an empty section: one empty paragraph.
      {
        id: a,
        kind: 'custom',
        heading: '',
        spoiler: false,
        body: { type: 'doc', content: [{ type: 'paragraph' }] },
      },
      {
        id: 'new-2',
        kind: 'cast',
        heading: '',
        spoiler: true,
        body: { type: 'doc', content: [{ type: 'paragraph' }] },
      },
    ]);
  });

  it('refuse, in the schema, a document that does not start with a section heading', () => {
    expect(() =>
      throughSchema({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }],
      }),
    ).toThrow();
  });
});
