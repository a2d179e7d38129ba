import type { JSONContent } from '@tiptap/core';

// Small constructors for section bodies built in code (the seed, and later the importer).

/** A run of text, bold when asked. */
export function textRun(text: string, options: { bold?: boolean } = {}): JSONContent {
  return options.bold ? { type: 'text', text, marks: [{ type: 'bold' }] } : { type: 'text', text };
}

export function paragraph(...runs: JSONContent[]): JSONContent {
  const content = runs.filter((run) => run.text !== '');
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** A bullet list whose items each hold one or more paragraphs. */
export function bulletList(items: JSONContent[][]): JSONContent {
  return {
    type: 'bulletList',
    content: items.map((paragraphs) => ({ type: 'listItem', content: paragraphs })),
  };
}

export function doc(blocks: JSONContent[]): JSONContent {
  return { type: 'doc', content: blocks.length > 0 ? blocks : [{ type: 'paragraph' }] };
}
