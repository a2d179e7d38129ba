import type { JSONContent } from '@tiptap/core';

// A section body as plain text, one entry per block a reader sees (paragraph, heading, list
// item, quoted paragraph, image, rule), for comparing revisions word by word. Formatting
// (bold, italic, links) is dropped: only the words are compared.

export type PlainBlockKind = 'paragraph' | 'heading' | 'listItem' | 'quote' | 'image' | 'rule';

export type PlainBlock = {
  kind: PlainBlockKind;
  text: string;
  /** Nesting of lists (1 for a top-level item) and heading level; 0 otherwise. */
  level: number;
};

/** Stored bodies are validated to at most 32 levels; this only guards against a hostile one. */
const MAX_DEPTH = 64;

function inlineText(node: JSONContent): string {
  let text = '';
  for (const child of node.content ?? []) {
    if (child.type === 'text') text += child.text ?? '';
    else if (child.type === 'hardBreak') text += '\n';
    else text += inlineText(child);
  }
  return text;
}

/** The blocks of a Tiptap document in reading order. */
export function plainBlocks(doc: JSONContent): PlainBlock[] {
  const blocks: PlainBlock[] = [];
  const walk = (node: JSONContent, context: { list: number; quote: boolean }, depth: number) => {
    if (depth > MAX_DEPTH) return;
    switch (node.type) {
      case 'paragraph': {
        const kind = context.list > 0 ? 'listItem' : context.quote ? 'quote' : 'paragraph';
        blocks.push({ kind, text: inlineText(node), level: context.list });
        return;
      }
      case 'heading': {
        const level = Number(node.attrs?.level ?? 3);
        blocks.push({ kind: 'heading', text: inlineText(node), level });
        return;
      }
      case 'image': {
        const alt = typeof node.attrs?.alt === 'string' ? node.attrs.alt : '';
        blocks.push({ kind: 'image', text: alt, level: 0 });
        return;
      }
      case 'horizontalRule':
        blocks.push({ kind: 'rule', text: '', level: 0 });
        return;
      case 'bulletList':
      case 'orderedList':
        for (const child of node.content ?? [])
          walk(child, { ...context, list: context.list + 1 }, depth + 1);
        return;
      case 'blockquote':
        for (const child of node.content ?? []) walk(child, { ...context, quote: true }, depth + 1);
        return;
      default:
        // doc, listItem and anything else that only contains blocks.
        for (const child of node.content ?? []) walk(child, context, depth + 1);
    }
  };
  walk(doc, { list: 0, quote: false }, 0);
  // An editor's empty paragraph is not a block a reader sees.
  return blocks.filter(
    (block) => block.kind === 'rule' || block.kind === 'image' || block.text.trim() !== '',
  );
}
