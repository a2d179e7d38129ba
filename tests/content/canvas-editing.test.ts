import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  documentToSections,
  sectionsToDocument,
  type CanvasSection,
} from '../../lib/content/canvas/document';
import { createSectionReader } from '../../lib/content/canvas/read-sections';
import { sectionKeeper } from '../../lib/content/canvas/section-keeper';
import { moveSection, removeSection, sectionRanges } from '../../lib/content/canvas/section-ranges';
import { canvasSchema, noNewId, sectionList } from '../support/canvas-arbitraries';

// Editing on the canvas, with ProseMirror's own state and transactions (no browser): what the
// canvas reports after each keystroke is the sections documentToSections reads, with the
// sections nobody touched kept as the same objects; headings keep unique ids and a kind that
// follows their text; whole sections move and go.

const schema = canvasSchema;
let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function stateOf(sections: CanvasSection[]) {
  return EditorState.create({
    schema,
    doc: ProseMirrorNode.fromJSON(schema, sectionsToDocument(sections)),
    plugins: [sectionKeeper(newId)],
  });
}
/** Applies a transaction with the plugins' appended ones, as the editor view does. */
const run = (state: EditorState, change: (tr: Transaction) => void) => {
  const tr = state.tr;
  change(tr);
  return state.applyTransaction(tr).state;
};

const section = (
  id: string,
  heading: string,
  text: string,
  kind: CanvasSection['kind'] = 'custom',
) => ({
  id,
  kind,
  heading,
  spoiler: false,
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
});
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('the sections the canvas reports', () => {
  it('are what documentToSections reads, after any typing anywhere', () => {
    fc.assert(
      fc.property(
        sectionList,
        fc.nat(),
        fc.stringMatching(/^[a-z ]{1,8}$/),
        (sections, at, typed) => {
          const read = createSectionReader(noNewId);
          let state = stateOf(sections);
          expect(read(state.doc)).toEqual(documentToSections(state.doc.toJSON(), noNewId));
          // Typing at some text position.
          const positions: number[] = [];
          state.doc.descendants((node, pos) => {
            if (node.isTextblock) positions.push(pos + 1);
          });
          const pos = positions[at % positions.length]!;
          state = run(state, (tr) => tr.insertText(typed, pos));
          expect(read(state.doc)).toEqual(documentToSections(state.doc.toJSON(), noNewId));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keep the sections no one typed in as the same objects', () => {
    const read = createSectionReader(noNewId);
    let state = stateOf([
      section(A, 'Plot', 'one'),
      section(B, 'Cast', 'two'),
      section(C, 'End', 'three'),
    ]);
    const before = read(state.doc);
    const second = sectionRanges(state.doc)[1]!;
    // Inside the second section's paragraph.
    state = run(state, (tr) => tr.insertText('!', second.to - 1));
    const after = read(state.doc);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]!.body.content![0]!.content![0]!.text).toBe('two!');
  });
});

describe('the section keeper', () => {
  it('gives the second half of a split heading an id of its own', () => {
    let state = stateOf([section(A, 'Plot Summary', 'one')]);
    // Enter in the middle of the heading "Plot| Summary".
    state = run(state, (tr) => tr.split(1 + 'Plot'.length));
    const headings = sectionRanges(state.doc).map((range) => range.id);
    expect(headings).toHaveLength(2);
    expect(headings[0]).toBe(A);
    expect(headings[1]).not.toBe(A);
    expect(new Set(headings).size).toBe(2);
  });

  it('suggests a kind from the heading typed, and never overrides one chosen', () => {
    let state = stateOf([section(A, 'Opening', 'one'), section(B, 'Notes', 'two', 'cast')]);
    const kinds = () => {
      const found: string[] = [];
      state.doc.forEach((node) => {
        if (node.type.name === 'sectionHeading') found.push(node.attrs.kind as string);
      });
      return found;
    };
    // The first heading, "custom", retyped as "Plot Summary": a plot section.
    state = run(state, (tr) => tr.insertText('Plot Summary', 1, 1 + 'Opening'.length));
    expect(kinds()).toEqual(['plot', 'cast']);
    // The second was chosen as "cast" under a heading that suggests nothing: typing "Verdict"
    // there does not change it.
    const second = sectionRanges(state.doc)[1]!;
    state = run(state, (tr) =>
      tr.insertText('Verdict', second.from + 1, second.from + 1 + 'Notes'.length),
    );
    expect(kinds()).toEqual(['plot', 'cast']);
    // A kind that followed its heading keeps following it.
    state = run(state, (tr) => tr.insertText('Final Thoughts', 1, 1 + 'Plot Summary'.length));
    expect(kinds()).toEqual(['verdict', 'cast']);
  });

  it('leaves a document put in from outside exactly as it is', () => {
    let state = stateOf([section(A, 'Plot Summary', 'one', 'custom')]);
    state = run(state, (tr) => {
      tr.insertText('x', 3).setMeta('preventUpdate', true);
    });
    let kind = '';
    state.doc.forEach((node) => {
      if (node.type.name === 'sectionHeading') kind = node.attrs.kind as string;
    });
    expect(kind).toBe('custom');
  });
});

describe('whole sections', () => {
  const three = () =>
    stateOf([section(A, 'Plot', 'one'), section(B, 'Cast', 'two'), section(C, 'End', 'three')]);
  const order = (state: EditorState) =>
    documentToSections(state.doc.toJSON(), noNewId).map((s) => s.id);

  it('move up and down with their text, and not past either end', () => {
    let state = three();
    state = run(state, (tr) => expect(moveSection(tr, C, -1)).toBe(true));
    expect(order(state)).toEqual([A, C, B]);
    state = run(state, (tr) => expect(moveSection(tr, A, -1)).toBe(false));
    state = run(state, (tr) => expect(moveSection(tr, A, 1)).toBe(true));
    expect(order(state)).toEqual([C, A, B]);
    const texts = documentToSections(state.doc.toJSON(), noNewId).map(
      (s) => s.body.content![0]!.content![0]!.text,
    );
    expect(texts).toEqual(['three', 'one', 'two']);
  });

  it('are removed with their text, but the last one stays', () => {
    let state = three();
    state = run(state, (tr) => expect(removeSection(tr, B)).toBe(true));
    expect(order(state)).toEqual([A, C]);
    state = run(state, (tr) => expect(removeSection(tr, A)).toBe(true));
    expect(order(state)).toEqual([C]);
    state = run(state, (tr) => expect(removeSection(tr, C)).toBe(false));
    expect(order(state)).toEqual([C]);
    // The selection survived each removal.
    expect(state.selection).toBeInstanceOf(TextSelection);
  });
});
