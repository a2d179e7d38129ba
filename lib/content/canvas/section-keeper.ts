import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { sectionKindOf } from '../../import/section-kinds';
import { SECTION_HEADING } from './section-heading';

// Keeps the canvas's section headings valid as people type, split, paste and delete:
//  - every heading has an id of its own. A heading split in two (Enter in its middle), or
//    pasted from elsewhere in the review, arrives with an id already taken: the later one gets
//    a new id, so the earlier section keeps its id and its merge history.
//  - a heading's kind follows its text ("Plot Summary" is a plot section) until someone picks a
//    kind its text does not suggest: the kind changes only when it is "custom" or is what the
//    old text suggested, so a chosen kind is never overwritten by typing.

export const sectionKeeperKey = new PluginKey('sectionKeeper');

/** The text of each top-level section heading, by id. */
function headingTexts(doc: ProseMirrorNode): Map<string, string> {
  const texts = new Map<string, string>();
  doc.forEach((node) => {
    if (node.type.name === SECTION_HEADING && typeof node.attrs.id === 'string')
      texts.set(node.attrs.id, node.textContent);
  });
  return texts;
}

/**
 * The attribute changes that make `doc`'s headings valid, given the document before the
 * transactions (`before`); none when they are valid already.
 */
export function keepSections(
  doc: ProseMirrorNode,
  before: ProseMirrorNode,
  newId: () => string,
): Array<{ pos: number; attrs: Record<string, unknown> }> {
  const changes: Array<{ pos: number; attrs: Record<string, unknown> }> = [];
  const seen = new Set<string>();
  const oldTexts = headingTexts(before);
  doc.forEach((node, pos) => {
    if (node.type.name !== SECTION_HEADING) return;
    const attrs: Record<string, unknown> = {};
    let id = node.attrs.id as unknown;
    if (typeof id !== 'string' || id === '' || seen.has(id)) {
      id = newId();
      attrs.id = id;
    }
    seen.add(id as string);
    const text = node.textContent;
    const oldText = attrs.id === undefined ? oldTexts.get(id as string) : undefined;
    if (text !== oldText) {
      const suggested = sectionKindOf(text);
      const kind = node.attrs.kind as string;
      const followed =
        kind === 'custom' || (oldText !== undefined && kind === sectionKindOf(oldText));
      if (followed && kind !== suggested) attrs.kind = suggested;
    }
    if (Object.keys(attrs).length > 0) changes.push({ pos, attrs: { ...node.attrs, ...attrs } });
  });
  return changes;
}

export function sectionKeeper(newId: () => string = () => crypto.randomUUID()) {
  return new Plugin({
    key: sectionKeeperKey,
    appendTransaction(transactions, oldState, newState): Transaction | null {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      // A document put in from outside (a merge, a restored copy) is the stored sections as
      // they are: suggesting kinds there would change what nobody typed.
      if (transactions.some((tr) => tr.getMeta('preventUpdate') === true)) return null;
      const changes = keepSections(newState.doc, oldState.doc, newId);
      if (changes.length === 0) return null;
      const tr = newState.tr;
      for (const { pos, attrs } of changes) tr.setNodeMarkup(pos, undefined, attrs);
      // Part of the edit that caused it: one undo step takes both back.
      return tr.setMeta('addToHistory', true);
    },
  });
}
