import type { JSONContent } from '@tiptap/core';
import { RICH_TEXT_LIMITS, validateRichText } from '../content/rich-text/validate';
import { MAX_CONTENT_BYTES } from '../content/review-content';
import { pushAll } from './arrays';
import type { Block, Inline } from './blocks';
import { invalidInput } from '../errors/app-error';

// Blocks to a section body in Tiptap JSON, within the shared schema: paragraphs, headings 3
// and 4, bullet and numbered lists, quotes and rules; bold, italic and links.

/** The refusal of an article whose review would be larger than a review may be. */
export const TOO_LONG = `The article is too long for one review: imported, it would be over ${MAX_CONTENT_BYTES / 1024 / 1024} MB, the most a review holds. Split it into several articles.`;

/** Paragraphs longer than this are split at a sentence, to stay within the body limits. */
const MAX_PARAGRAPH = 20_000;

function inlineNodes(inlines: Inline[]): JSONContent[] {
  const nodes: JSONContent[] = [];
  for (const inline of inlines) {
    if (inline.type === 'break') {
      nodes.push({ type: 'hardBreak' });
      continue;
    }
    if (inline.text === '') continue;
    const marks: JSONContent['marks'] = [];
    if (inline.bold) marks.push({ type: 'bold' });
    if (inline.italic) marks.push({ type: 'italic' });
    if (inline.href) marks.push({ type: 'link', attrs: { href: inline.href } });
    nodes.push(
      marks.length > 0
        ? { type: 'text', text: inline.text, marks }
        : { type: 'text', text: inline.text },
    );
  }
  // A break at either end of a paragraph is invisible.
  while (nodes[0]?.type === 'hardBreak') nodes.shift();
  while (nodes[nodes.length - 1]?.type === 'hardBreak') nodes.pop();
  return nodes;
}

function paragraphNode(inlines: Inline[]): JSONContent {
  const content = inlineNodes(inlines);
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** Splits a very long run of text into pieces of at most MAX_PARAGRAPH characters. */
function splitLong(inlines: Inline[]): Inline[][] {
  const length = inlines.reduce(
    (sum, inline) => sum + (inline.type === 'text' ? inline.text.length : 1),
    0,
  );
  if (length <= MAX_PARAGRAPH) return [inlines];
  const pieces: Inline[][] = [[]];
  let size = 0;
  for (const inline of inlines) {
    if (inline.type === 'break') {
      pieces[pieces.length - 1]!.push(inline);
      continue;
    }
    let rest = inline.text;
    while (size + rest.length > MAX_PARAGRAPH) {
      const room = MAX_PARAGRAPH - size;
      const window = rest.slice(0, room);
      const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf(' '));
      const at = cut > room / 2 ? cut + 1 : room;
      pieces[pieces.length - 1]!.push({ ...inline, text: rest.slice(0, at) });
      pieces.push([]);
      size = 0;
      rest = rest.slice(at).trimStart();
    }
    if (rest !== '') {
      pieces[pieces.length - 1]!.push({ ...inline, text: rest });
      size += rest.length;
    }
  }
  return pieces.filter((piece) => piece.length > 0);
}

/**
 * One block as Tiptap nodes. `headingBase` is the level of the section headings: a heading one
 * level below becomes an h3 in the body, anything deeper an h4.
 */
export function blockNodes(block: Block, headingBase: number): JSONContent[] {
  switch (block.type) {
    case 'paragraph':
      return splitLong(block.inlines).map(paragraphNode);
    case 'heading':
      return [
        {
          type: 'heading',
          attrs: { level: block.level <= headingBase + 1 ? 3 : 4 },
          content: [{ type: 'text', text: block.text }],
        },
      ];
    case 'rule':
      return [{ type: 'horizontalRule' }];
    case 'quote': {
      const content = block.blocks.flatMap((inner) => blockNodes(inner, headingBase));
      return content.length > 0 ? [{ type: 'blockquote', content }] : [];
    }
    case 'list': {
      const items = block.items.map((item) => {
        const content = item.flatMap((inner) => blockNodes(inner, headingBase));
        // A list item starts with a paragraph.
        if (content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph' });
        return { type: 'listItem', content };
      });
      if (items.length === 0) return [];
      return block.ordered
        ? [
            {
              type: 'orderedList',
              ...(block.start !== 1 ? { attrs: { start: block.start } } : {}),
              content: items,
            },
          ]
        : [{ type: 'bulletList', content: items }];
    }
  }
}

/** Rough size of a node in the validator's terms: serialized bytes and node count. */
function measure(node: JSONContent): { bytes: number; nodes: number } {
  let nodes = 0;
  const stack: JSONContent[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    nodes += 1 + (current.marks?.length ?? 0);
    pushAll(stack, current.content ?? []);
  }
  return { bytes: Buffer.byteLength(JSON.stringify(node), 'utf8'), nodes };
}

/**
 * The document as the content schema will store and check it, or null when it is too large.
 * The validator normalizes (links gain their default attributes, for example), and the stored
 * document is validated again on every save, so the normalized one must fit too.
 */
function storedDoc(content: JSONContent[]): JSONContent | null {
  const checked = validateRichText({ type: 'doc', content });
  if (!checked.ok) return null;
  const size = Buffer.byteLength(JSON.stringify(checked.doc), 'utf8');
  return size <= RICH_TEXT_LIMITS.maxBytes ? checked.doc : null;
}

/** Splits nodes into as many documents as the limits need, between blocks (or list items). */
function fitInBodies(content: JSONContent[]): JSONContent[] {
  const doc = storedDoc(content.length > 0 ? content : [{ type: 'paragraph' }]);
  if (doc) return [doc];
  if (content.length > 1) {
    const middle = Math.ceil(content.length / 2);
    return [...fitInBodies(content.slice(0, middle)), ...fitInBodies(content.slice(middle))];
  }
  // One block too large for a body. Not only a long list: a paragraph of 1,500 links (20 KB,
  // over 256 KB once stored) is one block too, and used to end the import with a plain Error.
  // Its items, blocks or runs are split in two blocks of its kind; a list of one item or a
  // quote of one block gives up its wrapper, keeping the words.
  const [only] = content;
  const parts = only?.content ?? [];
  const isList = only?.type === 'bulletList' || only?.type === 'orderedList';
  if (only && parts.length > 1) {
    const middle = Math.ceil(parts.length / 2);
    return [
      ...fitInBodies([{ ...only, content: parts.slice(0, middle) }]),
      ...fitInBodies([
        isList
          ? { type: only.type, content: parts.slice(middle) }
          : { ...only, content: parts.slice(middle) },
      ]),
    ];
  }
  const [inner] = parts;
  if (inner && isList) return fitInBodies(inner.content ?? []);
  if (inner && only?.type === 'blockquote') return fitInBodies(parts);
  throw invalidInput(
    'A part of the article is too large for one section: split it into shorter paragraphs.',
  );
}

/** What is left of the review's size limit while its sections are built (importArticle). */
export type ByteBudget = { bytes: number };

/**
 * Section bodies from blocks: usually one, but more when the text is too large for one
 * section body (the validator's limits), split between blocks.
 */
export function sectionBodies(
  blocks: Block[],
  headingBase: number,
  budget?: ByteBudget,
): JSONContent[] {
  const nodes = blocks.flatMap((block) => blockNodes(block, headingBase));
  // Greedy first, by a generous estimate; fitInBodies splits further where it must.
  const groups: JSONContent[][] = [[]];
  let bytes = 0;
  let count = 0;
  const maxBytes = RICH_TEXT_LIMITS.maxBytes * 0.6;
  const maxNodes = RICH_TEXT_LIMITS.maxNodes * 0.8;
  for (const node of nodes) {
    const size = measure(node);
    // A review holds at most MAX_CONTENT_BYTES of JSON, and a stored body is never smaller than
    // its nodes as built here: past the budget, stop before splitting and validating megabytes
    // of bodies that the content schema would refuse anyway (a 1 MB list took seconds).
    if (budget && (budget.bytes -= size.bytes) < 0) throw invalidInput(TOO_LONG);
    if (
      groups[groups.length - 1]!.length > 0 &&
      (bytes + size.bytes > maxBytes || count + size.nodes > maxNodes)
    ) {
      groups.push([]);
      bytes = 0;
      count = 0;
    }
    groups[groups.length - 1]!.push(node);
    bytes += size.bytes;
    count += size.nodes;
  }
  return groups.flatMap(fitInBodies);
}
