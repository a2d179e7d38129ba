import { isSafeHref } from '../content/rich-text/safe-href';
import { stripDecoration, textRun, type Block, type Inline } from './blocks';
import { sectionKindOf } from './section-kinds';
import type { ImportWarning } from './types';
import { charIn, trimEndWhere, trimStartWhere } from '../text/trim';

// Plain text to blocks. Headings are the lines that read as headings: short, without a
// sentence's punctuation, and decorated (emoji or symbols, dropped from the heading), naming a
// known section, or title-like (Title Case or CAPITALS). Lines starting with "-", "*", "•" or
// "1." are list items. Each line is a paragraph, unless the text is hard-wrapped (short lines
// in blank-line-separated blocks), where the lines of a block are joined.

type Line =
  | { kind: 'blank'; number: number }
  | { kind: 'rule'; number: number }
  | {
      kind: 'item';
      number: number;
      indent: number;
      ordered: boolean;
      start: number;
      text: string;
    }
  | { kind: 'heading'; number: number; text: string; strength: 'strong' | 'weak' }
  | { kind: 'text'; number: number; text: string };

/** Words that stay lowercase in Title Case. */
const SMALL_WORDS = new Set(
  'a an the and or but nor of in on at to for with by from as vs vs. via into over per de la le du von van'.split(
    ' ',
  ),
);

const BULLET = /^(\s*)[-*•·▪◦‣]\s+(\S.*)$/u;
const NUMBERED = /^(\s*)(\d{1,3})[.)]\s+(\S.*)$/u;
const RULE = /^\s*([-*_=~•])(?:\s*\1){2,}\s*$/u;

function isTitleLike(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  const cased = letters.toUpperCase() !== letters.toLowerCase();
  if (!cased) return false;
  if (letters === letters.toUpperCase()) return true;
  const words = text
    .split(/\s+/)
    .map((word) =>
      trimEndWhere(trimStartWhere(word, charIn(/[^\p{L}\p{N}]/u)), charIn(/[^\p{L}\p{N}.]/u)),
    )
    .filter((word) => word !== '');
  const first = words[0];
  if (!first || !/^[\p{Lu}\p{N}]/u.test(first)) return false;
  const significant = words.filter(
    (word) => !SMALL_WORDS.has(word.toLowerCase()) && /\p{L}/u.test(word),
  );
  if (significant.length === 0) return false;
  const capitalised = significant.filter((word) => /^[\p{Lu}\p{N}]/u.test(word)).length;
  return capitalised / significant.length >= 0.75;
}

/** Short text in a script without capitals (Korean, Chinese, Japanese …), not a sentence. */
function isShortUncasedLine(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return (
    letters.length > 0 &&
    letters.toUpperCase() === letters.toLowerCase() &&
    text.length <= 40 &&
    !/[.。!！?？,，;；]$/u.test(text)
  );
}

/** A sentence ends inside the line ("Great in it. - Koo as Ri"), abbreviations aside. */
const SENTENCE_INSIDE =
  /(?<!\b(?:vs|Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Vol|Pt|Ep|Mt|Ft))[.!?…]["”’)]?\s+[\p{Lu}"“‘(\-–—•*]/u;

/** Whether a line reads as a heading, and how surely; null when it does not. */
export function readHeading(
  line: string,
  decoratedByRepair = false,
): { text: string; strength: 'strong' | 'weak' } | null {
  const { text: stripped, removed } = stripDecoration(line.trim());
  if (stripped === '' || stripped.length > 100) return null;
  const words = stripped.split(/\s+/);
  if (words.length > 12) return null;
  // A sentence ends here, or two sentences are on the line.
  if (/[.,;]$/.test(stripped) && !/(?:\.\.\.|…)$/.test(stripped)) return null;
  if (SENTENCE_INSIDE.test(stripped)) return null;
  const label = stripped.endsWith(':') ? stripped.slice(0, -1).trim() : null;
  if (label !== null && words.length > 6) return null;
  const text = label ?? stripped;
  if (decoratedByRepair || removed !== '') return { text, strength: 'strong' };
  if (words.length <= 8 && sectionKindOf(text) !== 'custom' && isTitleLike(text))
    return { text, strength: 'strong' };
  if (isTitleLike(text) || isShortUncasedLine(text)) return { text, strength: 'weak' };
  return null;
}

function classify(raw: string, number: number, decorated: boolean): Line {
  const line = raw.replace(/\t/g, '    ').trimEnd();
  if (RULE.test(line)) return { kind: 'rule', number };
  if (line.trim() === '' || stripDecoration(line).text === '') {
    return { kind: 'blank', number };
  }
  const bullet = BULLET.exec(line);
  const numbered = bullet ? null : NUMBERED.exec(line);
  if (bullet || numbered) {
    const text = bullet ? bullet[2]! : numbered![3]!;
    // "1. Plot Summary" is a numbered heading, not a list of one.
    const heading = readHeading(text, decorated);
    if (heading?.strength === 'strong' && sectionKindOf(heading.text) !== 'custom')
      return { kind: 'heading', number, ...heading };
    return {
      kind: 'item',
      number,
      indent: (bullet ? bullet[1]! : numbered![1]!).length,
      ordered: numbered !== null,
      start: numbered ? Number(numbered[2]) : 1,
      text: text.trim(),
    };
  }
  const heading = readHeading(line, decorated);
  if (heading) return { kind: 'heading', number, ...heading };
  return { kind: 'text', number, text: line.trim() };
}

/**
 * Weak headings next to each other, or followed by a heading or by nothing, are the lines of
 * a list of names or titles, not headings; the top two lines are exempt (a label and the
 * headline).
 */
function confirmWeakHeadings(lines: Line[]): Line[] {
  const nonBlank = lines.filter((line) => line.kind !== 'blank');
  const top = new Set(nonBlank.slice(0, 2));
  // Each line's place among the non-blank ones, looked up rather than searched for: indexOf
  // per line was quadratic (60,000 short title-like lines took seconds).
  const position = new Map(nonBlank.map((line, i) => [line, i]));
  const isWeak = (line: Line | undefined) =>
    line?.kind === 'heading' && line.strength === 'weak' && !top.has(line);
  return lines.map((line) => {
    if (!isWeak(line) || line.kind !== 'heading') return line;
    const index = position.get(line)!;
    const previous = nonBlank[index - 1];
    const next = nonBlank[index + 1];
    const confirmed = next && (next.kind === 'text' || next.kind === 'item') && !isWeak(previous);
    return confirmed ? line : { kind: 'text', number: line.number, text: line.text };
  });
}

/**
 * Hard-wrapped text: most lines are of similar, moderate length and paragraphs are separated
 * by blank lines. Then the lines of a paragraph are joined.
 */
function isHardWrapped(lines: Line[]): boolean {
  const texts = lines.filter((line) => line.kind === 'text');
  if (texts.length < 6 || !lines.some((line) => line.kind === 'blank')) return false;
  const moderate = texts.filter((line) => line.text.length >= 30 && line.text.length <= 100);
  const long = texts.filter((line) => line.text.length > 120);
  return moderate.length / texts.length >= 0.6 && long.length / texts.length < 0.1;
}

const RUN_ON = /^(.*?[.!?]["”’)]?)\s+[-•*]\s+([^.!?]{2,80})$/u;

/**
 * Articles pasted from web pages sometimes run the next list item onto the end of the
 * previous item's description ("…his nation. - Koo Kyo-hwan as Major Ri Hyun-sang"): split it
 * back into an item of its own.
 */
function splitRunOnItems(lines: Line[], warnings: ImportWarning[]): Line[] {
  const out: Line[] = [];
  let inList = false;
  for (const line of lines) {
    if (line.kind === 'item') inList = true;
    else if (line.kind === 'heading' || line.kind === 'rule') inList = false;
    if (line.kind === 'text' && inList) {
      const match = RUN_ON.exec(line.text);
      if (match) {
        out.push({ kind: 'text', number: line.number, text: match[1]! });
        out.push({
          kind: 'item',
          number: line.number,
          indent: 0,
          ordered: false,
          start: 1,
          text: match[2]!.trim(),
        });
        warnings.push({
          what: `Made “${match[2]!.trim()}” a list item of its own: it ran on at the end of the paragraph before it.`,
          where: `line ${line.number}`,
        });
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

/** Plain text to runs: addresses (http and https) become links when they are safe. */
export function linkify(text: string): Inline[] {
  const runs: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"“”‘’]+/giu)) {
    // Sentence punctuation after an address is not part of it (a ")" is, when the address has
    // a "("). Counted back in one pass: testing /[…]$/ again after each character dropped took
    // 1.5 s on an address followed by 500,000 ")".
    const found = match[0];
    const opens = found.includes('(');
    let end = found.length;
    while (end > 0 && '.,;:!?)]'.includes(found[end - 1]!) && !(found[end - 1] === ')' && opens))
      end--;
    const url = found.slice(0, end);
    if (!isSafeHref(url)) continue;
    if (match.index > last) runs.push(textRun(text.slice(last, match.index)));
    runs.push(textRun(url, { href: url }));
    last = match.index + url.length;
  }
  if (last < text.length) runs.push(textRun(text.slice(last)));
  return runs;
}

/**
 * A list item reading "Label: explanation" gets its label in bold, as such lists are set in
 * print ("Freedom vs. Oppression: Gyu-nam’s journey …").
 */
function itemInlines(text: string): Inline[] {
  const match = /^([^:]{2,60}):\s+(\S.*)$/u.exec(text);
  if (!match || match[1]!.split(/\s+/).length > 6 || /[.!?]$/.test(match[1]!)) return linkify(text);
  return [textRun(`${match[1]}:`, { bold: true }), textRun(' '), ...linkify(match[2]!)];
}

type Entry = { item: Extract<Line, { kind: 'item' }>; followers: string[][] };

/** Lists nest at most this deep; more indented items join the deepest list. */
const MAX_LIST_DEPTH = 3;

/** Builds a (possibly nested) list from items, each with the paragraphs it owns. */
function buildList(entries: Entry[], where: string, depth = 1): Block {
  const first = entries[0]!.item;
  const base = first.indent;
  const items: Block[][] = [];
  let i = 0;
  while (i < entries.length) {
    const { item, followers } = entries[i]!;
    const blocks: Block[] = [
      { type: 'paragraph', inlines: itemInlines(item.text), where: `line ${item.number}` },
      ...followers.map((lines): Block => ({
        type: 'paragraph',
        inlines: linkify(lines.join(' ')),
        where: `line ${item.number}`,
      })),
    ];
    i++;
    const nested: Entry[] = [];
    while (depth < MAX_LIST_DEPTH && i < entries.length && entries[i]!.item.indent > base)
      nested.push(entries[i++]!);
    if (nested.length > 0)
      blocks.push(buildList(nested, `line ${nested[0]!.item.number}`, depth + 1));
    items.push(blocks);
  }
  return { type: 'list', ordered: first.ordered, start: first.start, items, where };
}

export function parseText(
  text: string,
  decoratedLines: ReadonlySet<number> = new Set(),
): { blocks: Block[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const classified = text
    .split('\n')
    .map((raw, index) => classify(raw, index + 1, decoratedLines.has(index + 1)));
  const lines = splitRunOnItems(confirmWeakHeadings(classified), warnings);
  const wrapped = isHardWrapped(lines);
  const blocks: Block[] = [];
  let i = 0;

  const nextNonBlank = (from: number) => {
    let j = from;
    while (j < lines.length && lines[j]!.kind === 'blank') j++;
    return j;
  };

  while (i < lines.length) {
    const line = lines[i]!;
    switch (line.kind) {
      case 'blank':
        i++;
        break;
      case 'rule':
        blocks.push({ type: 'rule', where: `line ${line.number}` });
        i++;
        break;
      case 'heading':
        blocks.push({
          type: 'heading',
          level: 2,
          text: line.text,
          strength: line.strength,
          where: `line ${line.number}`,
        });
        i++;
        break;
      case 'text': {
        const paragraph = [line.text];
        i++;
        while (wrapped && i < lines.length && lines[i]!.kind === 'text') {
          paragraph.push((lines[i] as { text: string }).text);
          i++;
        }
        blocks.push({
          type: 'paragraph',
          inlines: linkify(paragraph.join(' ')),
          where: `line ${line.number}`,
        });
        break;
      }
      case 'item': {
        // A run of items, with the text lines that follow each one.
        const entries: Entry[] = [];
        while (i < lines.length) {
          const current = lines[i]!;
          if (current.kind === 'item') {
            entries.push({ item: current, followers: [] });
            i++;
          } else if (current.kind === 'text') {
            const owner = entries[entries.length - 1]!;
            // Hard-wrapped, an item continues on the next line; otherwise a line under an item
            // is a paragraph of its own.
            if (wrapped) owner.item = { ...owner.item, text: `${owner.item.text} ${current.text}` };
            else owner.followers.push([current.text]);
            i++;
          } else if (current.kind === 'blank') {
            const j = nextNonBlank(i);
            if (j < lines.length && lines[j]!.kind === 'item') i = j;
            else break;
          } else {
            break;
          }
        }
        // Text after the last item belongs to it only when every item has such text (a list
        // of names, each with its description); otherwise it is the paragraph after the list.
        const last = entries[entries.length - 1]!;
        const everyItemDescribed =
          entries.length > 1 && entries.every((entry) => entry.followers.length > 0);
        const trailing = everyItemDescribed || wrapped ? [] : last.followers.splice(0);
        blocks.push(buildList(entries, `line ${entries[0]!.item.number}`));
        for (const follower of trailing) {
          blocks.push({
            type: 'paragraph',
            inlines: linkify(follower.join(' ')),
            where: `line ${last.item.number}`,
          });
        }
        break;
      }
    }
  }
  return { blocks, warnings };
}
