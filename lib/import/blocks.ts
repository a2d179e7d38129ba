// The article as a sequence of blocks, whatever format it came in. The parsers (plain text,
// Markdown, HTML) produce these; structure.ts turns them into headline, dek and sections, and
// rich-text.ts into Tiptap JSON.

import { charIn, trimEndWhere } from '../text/trim';

export type Inline =
  | { type: 'text'; text: string; bold: boolean; italic: boolean; href: string | null }
  | { type: 'break' };

export type Heading = {
  type: 'heading';
  /** 1–6; plain-text headings are all level 2. */
  level: number;
  text: string;
  /**
   * How sure the parser is: Markdown and HTML headings, and plain-text lines that carried a
   * decoration or name a known section, are strong; title-like lines are weak.
   */
  strength: 'strong' | 'weak';
  /** Where it came from, for warnings ("line 12"). */
  where: string;
};

export type Block =
  | Heading
  | { type: 'paragraph'; inlines: Inline[]; where: string }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][]; where: string }
  | { type: 'quote'; blocks: Block[]; where: string }
  | { type: 'rule'; where: string };

export function textRun(
  text: string,
  marks: { bold?: boolean; italic?: boolean; href?: string | null } = {},
): Inline {
  return {
    type: 'text',
    text,
    bold: marks.bold ?? false,
    italic: marks.italic ?? false,
    href: marks.href ?? null,
  };
}

/** The words of a run of inlines, breaks read as spaces. */
export function inlineText(inlines: Inline[]): string {
  return inlines
    .map((inline) => (inline.type === 'text' ? inline.text : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a block, paragraph by paragraph. */
export function blockTexts(block: Block): string[] {
  switch (block.type) {
    case 'heading':
      return [block.text];
    case 'paragraph':
      return [inlineText(block.inlines)];
    case 'list':
      return block.items.flatMap((item) => item.flatMap(blockTexts));
    case 'quote':
      return block.blocks.flatMap(blockTexts);
    case 'rule':
      return [];
  }
}

/**
 * Emoji, pictographs and symbols that decorate a heading ("🎬 Plot Summary", "★ Verdict ★",
 * "## Cast ##"), with the spaces and joiners around them.
 */
const DECORATION =
  /^(?:[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{So}\p{Sk}\u200d\ufe0f\u20e3#*=~_|>•·▪◦‣\-–—:]|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|\s)+/u;
/** One character of trailing decoration (trimmed one at a time: a `(…)+$` is quadratic). */
const isTrailingDecoration = charIn(
  /^(?:[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{So}\p{Sk}\u200d\ufe0f\u20e3#*=~_|<•·▪◦‣\-–—]|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|\s)$/u,
);

/** A heading without its decoration, and the decoration that was removed. */
export function stripDecoration(text: string): { text: string; removed: string } {
  const leading = DECORATION.exec(text)?.[0] ?? '';
  let rest = text.slice(leading.length);
  const kept = trimEndWhere(rest, isTrailingDecoration);
  const trailing = rest.slice(kept.length);
  rest = kept;
  return { text: rest.trim(), removed: `${leading}${trailing}`.trim() };
}
