import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { SECTION_HEADING } from './section-heading';

// A spoiler section looks different on the canvas all the way down, not only at its heading:
// each block of its body carries a class (a decoration: nothing is stored).

function spoilerDecorations(doc: ProseMirrorNode): DecorationSet {
  const decorations: Decoration[] = [];
  let inSpoiler = false;
  doc.forEach((node, pos) => {
    if (node.type.name === SECTION_HEADING) inSpoiler = node.attrs.spoiler === true;
    else if (inSpoiler)
      decorations.push(
        Decoration.node(pos, pos + node.nodeSize, { class: 'canvas-spoiler-block' }),
      );
  });
  return DecorationSet.create(doc, decorations);
}

export const spoilerBlocks = () =>
  new Plugin<DecorationSet>({
    key: new PluginKey('spoilerBlocks'),
    state: {
      init: (_config, state) => spoilerDecorations(state.doc),
      apply: (tr, old) => (tr.docChanged ? spoilerDecorations(tr.doc) : old),
    },
    props: {
      decorations(state) {
        return this.getState(state);
      },
    },
  });
