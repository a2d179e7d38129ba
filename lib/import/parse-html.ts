import { Marked } from 'marked';
import {
  defaultTreeAdapter,
  parse,
  Tokenizer,
  TokenizerMode,
  type DefaultTreeAdapterTypes,
  type Token,
} from 'parse5';
import { isSafeHref } from '../content/rich-text/safe-href';
import { stripDecoration, textRun, type Block, type Inline } from './blocks';
import { repairText } from './repair';
import type { ImportWarning } from './types';
import { trimEndChars } from '../text/trim';
import { pushAll, pushReversed } from './arrays';

// HTML (and Markdown, through HTML) to blocks. The HTML is parsed with parse5, the parser of
// the HTML standard, into a tree that is only ever read: nothing of it is rendered or kept.
// An allowlist decides what survives: headings, paragraphs, lists, quotes, rules, and inside
// them text with bold, italic and safe links. Scripts, styles, forms, embedded media and the
// page's navigation are left out; images are reported (upload them to the media library).

type Node = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;
type Marks = { bold: boolean; italic: boolean; href: string | null };

const PLAIN: Marks = { bold: false, italic: false, href: null };

const HEADING_LEVELS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** Never read: code, styling, forms, and things that are not the article's words. */
const IGNORED = new Set([
  'head',
  'script',
  'style',
  'template',
  'noscript',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'option',
  'dialog',
  'menu',
  'map',
  'source',
  'track',
  'link',
  'meta',
  'base',
  'title',
  'rp',
]);
/** Embedded media: left out with a warning. */
const MEDIA = new Set([
  'img',
  'picture',
  'video',
  'audio',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'math',
]);
/** The page around an article: left out with a warning. */
const CHROME = new Set(['nav', 'aside', 'footer']);
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const BOLD = new Set(['strong', 'b']);
const ITALIC = new Set(['em', 'i', 'cite', 'dfn', 'var']);

/**
 * Deeper than this, structure is dropped and only the words are kept, so a hostile file of
 * thousands of nested elements can neither overflow the stack nor the body's depth limit.
 */
const MAX_DEPTH = 12;

const isElement = (node: Node): node is Element => 'tagName' in node;
const isText = (node: Node): node is DefaultTreeAdapterTypes.TextNode => node.nodeName === '#text';

function attribute(element: Element, name: string): string | null {
  return element.attrs.find((attr) => attr.name === name)?.value ?? null;
}

function containsBlock(element: Element): boolean {
  const stack: Node[] = [...element.childNodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (BLOCK_TAGS.has(node.tagName)) return true;
    pushAll(stack, node.childNodes);
  }
  return false;
}

/** The text nodes under some nodes, in document order, without recursion. */
function textNodes(nodes: Node[]): DefaultTreeAdapterTypes.TextNode[] {
  const out: DefaultTreeAdapterTypes.TextNode[] = [];
  const stack: Node[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) out.push(node);
    else if (isElement(node) && !IGNORED.has(node.tagName) && !MEDIA.has(node.tagName))
      pushReversed(stack, node.childNodes);
  }
  return out;
}

/** Collapses HTML whitespace in a paragraph's runs and merges runs with the same marks. */
function tidy(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  let afterSpace = true;
  for (const inline of inlines) {
    if (inline.type === 'break') {
      const previous = out[out.length - 1];
      if (previous?.type === 'text') previous.text = trimEndChars(previous.text, ' ');
      if (out.length > 0) out.push(inline);
      afterSpace = true;
      continue;
    }
    let text = inline.text.replace(/[ \t\n\r\f]+/g, ' ');
    if (afterSpace) text = text.replace(/^ /, '');
    if (text === '') continue;
    afterSpace = text.endsWith(' ');
    const previous = out[out.length - 1];
    if (
      previous?.type === 'text' &&
      previous.bold === inline.bold &&
      previous.italic === inline.italic &&
      previous.href === inline.href
    ) {
      previous.text += text;
    } else {
      out.push({ ...inline, text });
    }
  }
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (last.type === 'break') {
      out.pop();
      continue;
    }
    last.text = trimEndChars(last.text, ' ');
    if (last.text === '') {
      out.pop();
      continue;
    }
    break;
  }
  return out;
}

class Walker {
  readonly warnings: ImportWarning[] = [];
  private media = 0;
  private chrome = new Set<string>();
  private tables = 0;

  constructor(
    private readonly locate: (node: Node) => string,
    private readonly repairs: boolean,
  ) {}

  /** A text node's words, repaired when the format is HTML (Markdown was repaired as source). */
  private text(node: DefaultTreeAdapterTypes.TextNode): string {
    if (!this.repairs) return node.value;
    const repaired = repairText(node.value);
    const first = node.sourceCodeLocation?.startLine;
    for (const warning of repaired.warnings) {
      const line = Number(/\d+/.exec(warning.where)?.[0] ?? 1);
      this.warnings.push({
        what: warning.what,
        where: first === undefined ? this.locate(node) : `line ${first + line - 1}`,
      });
    }
    return repaired.text;
  }

  private skipped(element: Element): boolean {
    if (IGNORED.has(element.tagName)) return true;
    if (MEDIA.has(element.tagName)) {
      this.media++;
      if (this.media === 1)
        this.warnings.push({
          what: 'Images and embedded media are not imported: upload images to the media library and add them in the editor.',
          where: this.locate(element),
        });
      return true;
    }
    if (CHROME.has(element.tagName)) {
      if (!this.chrome.has(element.tagName)) {
        this.chrome.add(element.tagName);
        this.warnings.push({
          what: `Left out the page’s ${element.tagName === 'nav' ? 'navigation' : element.tagName === 'aside' ? 'sidebar' : 'footer'} (<${element.tagName}>): it is not part of the article.`,
          where: this.locate(element),
        });
      }
      return true;
    }
    return false;
  }

  /** The plain words inside an element (for headings). */
  plainText(nodes: Node[], depth = 0): string {
    if (depth > MAX_DEPTH) return this.flat(nodes).replace(/\s+/g, ' ').trim();
    return nodes
      .map((node) => {
        if (isText(node)) return this.text(node);
        if (!isElement(node) || this.skipped(node)) return '';
        if (node.tagName === 'br') return ' ';
        const inner = this.plainText(node.childNodes, depth + 1);
        return BLOCK_TAGS.has(node.tagName) ? ` ${inner} ` : inner;
      })
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** Only the words, for content nested too deeply to keep its structure. */
  private flat(nodes: Node[]): string {
    return textNodes(nodes)
      .map((node) => this.text(node))
      .join(' ');
  }

  inlines(nodes: Node[], marks: Marks, depth = 0): Inline[] {
    if (depth > MAX_DEPTH) return [textRun(this.flat(nodes), marks)];
    const out: Inline[] = [];
    for (const node of nodes) {
      if (isText(node)) {
        out.push(textRun(this.text(node), marks));
        continue;
      }
      if (!isElement(node) || this.skipped(node)) continue;
      const tag = node.tagName;
      if (tag === 'br') {
        out.push({ type: 'break' });
      } else if (BOLD.has(tag)) {
        pushAll(out, this.inlines(node.childNodes, { ...marks, bold: true }, depth + 1));
      } else if (ITALIC.has(tag)) {
        pushAll(out, this.inlines(node.childNodes, { ...marks, italic: true }, depth + 1));
      } else if (tag === 'a') {
        const href = attribute(node, 'href')?.trim() ?? '';
        const safe = href !== '' && isSafeHref(href);
        if (href !== '' && !safe && !href.startsWith('#')) {
          this.warnings.push({
            what: `Left out a link to “${href.slice(0, 80)}”: only http, https, mailto and relative links are kept. Its text stays.`,
            where: this.locate(node),
          });
        }
        pushAll(
          out,
          this.inlines(node.childNodes, { ...marks, href: safe ? href : marks.href }, depth + 1),
        );
      } else if (BLOCK_TAGS.has(tag)) {
        out.push(textRun(' ', marks));
        pushAll(out, this.inlines(node.childNodes, marks, depth + 1));
        out.push(textRun(' ', marks));
      } else {
        pushAll(out, this.inlines(node.childNodes, marks, depth + 1));
      }
    }
    return out;
  }

  private paragraph(inlines: Inline[], where: string): Block[] {
    const tidied = tidy(inlines);
    return tidied.length > 0 ? [{ type: 'paragraph', inlines: tidied, where }] : [];
  }

  blocks(nodes: Node[], depth = 0): Block[] {
    if (depth > MAX_DEPTH) {
      const where = nodes[0] ? this.locate(nodes[0]) : 'the article';
      return this.paragraph([textRun(this.flat(nodes))], where);
    }
    const out: Block[] = [];
    let pending: Inline[] = [];
    let pendingWhere = '';
    const flush = () => {
      out.push(...this.paragraph(pending, pendingWhere));
      pending = [];
    };
    const addInline = (node: Node, inlines: Inline[]) => {
      if (pending.length === 0) pendingWhere = this.locate(node);
      pushAll(pending, inlines);
    };
    for (const node of nodes) {
      if (isText(node)) {
        addInline(node, [textRun(this.text(node))]);
        continue;
      }
      if (!isElement(node) || this.skipped(node)) continue;
      const tag = node.tagName;
      const where = this.locate(node);
      const level = HEADING_LEVELS[tag];
      if (level !== undefined) {
        flush();
        const { text } = stripDecoration(this.plainText(node.childNodes, depth + 1));
        if (text.length > 200) out.push(...this.paragraph([textRun(text)], where));
        else if (text !== '') out.push({ type: 'heading', level, text, strength: 'strong', where });
        continue;
      }
      switch (tag) {
        case 'p':
          flush();
          out.push(...this.paragraph(this.inlines(node.childNodes, PLAIN, depth + 1), where));
          break;
        case 'ul':
        case 'ol':
          flush();
          out.push(...this.list(node, depth + 1));
          break;
        case 'blockquote': {
          flush();
          const inner = this.blocks(node.childNodes, depth + 1);
          if (inner.length > 0) out.push({ type: 'quote', blocks: inner, where });
          break;
        }
        case 'hr':
          flush();
          out.push({ type: 'rule', where });
          break;
        case 'pre':
          flush();
          pushAll(out, this.preformatted(node));
          break;
        case 'table':
          flush();
          pushAll(out, this.table(node));
          break;
        case 'br':
          addInline(node, [{ type: 'break' }]);
          break;
        default:
          if (BLOCK_TAGS.has(tag) || containsBlock(node)) {
            flush();
            pushAll(out, this.blocks(node.childNodes, depth + 1));
          } else {
            addInline(node, this.inlines([node], PLAIN, depth + 1));
          }
      }
    }
    flush();
    return out;
  }

  private list(element: Element, depth: number): Block[] {
    const items: Block[][] = [];
    for (const child of element.childNodes) {
      if (!isElement(child)) continue;
      if (child.tagName === 'ul' || child.tagName === 'ol') {
        // A list directly inside a list belongs to the item before it.
        const nested = this.list(child, depth + 1);
        if (items.length > 0) items[items.length - 1]!.push(...nested);
        else items.push(nested);
        continue;
      }
      const blocks = this.blocks(child.tagName === 'li' ? child.childNodes : [child], depth + 1);
      if (blocks.length > 0) items.push(blocks);
    }
    if (items.length === 0) return [];
    const start = Number.parseInt(attribute(element, 'start') ?? '1', 10);
    return [
      {
        type: 'list',
        ordered: element.tagName === 'ol',
        start: Number.isInteger(start) && start >= 0 && start <= 100_000 ? start : 1,
        items,
        where: this.locate(element),
      },
    ];
  }

  private preformatted(element: Element): Block[] {
    const text = this.plainTextKeepingLines(element.childNodes);
    return text
      .split(/\n\s*\n/)
      .map((chunk) => chunk.replace(/^\n+/, '').trimEnd())
      .filter((chunk) => chunk.trim() !== '')
      .map((chunk) => ({
        type: 'paragraph' as const,
        inlines: chunk
          .split('\n')
          .flatMap((line, i): Inline[] =>
            i > 0 ? [{ type: 'break' }, textRun(line)] : [textRun(line)],
          )
          .filter((inline) => inline.type === 'break' || inline.text !== ''),
        where: this.locate(element),
      }));
  }

  private plainTextKeepingLines(nodes: Node[]): string {
    return textNodes(nodes)
      .map((node) => this.text(node))
      .join('');
  }

  private table(element: Element): Block[] {
    const rows: Element[] = [];
    const collect = (node: Element) => {
      for (const child of node.childNodes) {
        if (!isElement(child)) continue;
        if (child.tagName === 'tr') rows.push(child);
        else if (child.tagName !== 'table') collect(child);
      }
    };
    collect(element);
    if (rows.length === 0) return [];
    this.tables++;
    if (this.tables === 1)
      this.warnings.push({
        what: 'A table became one paragraph per row, its cells separated by “ | ”: check how it reads.',
        where: this.locate(element),
      });
    return rows.flatMap((row) => {
      const cells = row.childNodes
        .filter(
          (cell): cell is Element =>
            isElement(cell) && (cell.tagName === 'td' || cell.tagName === 'th'),
        )
        .map((cell) => this.plainText(cell.childNodes))
        .filter((cell) => cell !== '');
      return cells.length > 0 ? this.paragraph([textRun(cells.join(' | '))], this.locate(row)) : [];
    });
  }
}

/** The text inside a node, for naming where something is. */
function rawText(node: Node): string {
  return textNodes([node])
    .map((text) => text.value)
    .join(' ');
}

/** The first element with this tag, in document order (without recursion). */
function findFirst(nodes: Node[], tag: string): Element | null {
  const stack: Node[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (node.tagName === tag) return node;
    pushReversed(stack, node.childNodes);
  }
  return null;
}

export type ParsedHtml = { blocks: Block[]; title: string | null; warnings: ImportWarning[] };

/**
 * The most elements parse5 may hold open inside each other. Building the tree, it looks through
 * the open elements for most tags, so nesting costs the square of its depth: 32,000 nested
 * <div>s took 16 s and as many <ul><li>s 113 s. No article comes near this depth; for HTML
 * that goes deeper the importer keeps only the words (htmlWords).
 */
export const MAX_OPEN_ELEMENTS = 256;

/** Thrown for HTML nested deeper than MAX_OPEN_ELEMENTS, and Markdown nested too deeply. */
export class NestedTooDeeplyError extends Error {}

/** Elements whose content the tree builder would have the tokenizer read as raw text. */
const RAW_TEXT: Record<string, (typeof TokenizerMode)[keyof typeof TokenizerMode]> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  noscript: TokenizerMode.RAWTEXT,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * The words of HTML nested too deeply to build a tree of, read by parse5's tokenizer alone (one
 * pass, no tree): the text outside what the walker leaves out (scripts, styles, forms, media,
 * navigation), with a blank line at each block tag, for the plain-text reader.
 */
export function htmlWords(html: string): string {
  const out: string[] = [];
  const skipped = new Map<string, number>();
  let skipping = 0;
  const text = (token: Token.CharacterToken) => {
    if (skipping === 0) out.push(token.chars);
  };
  const tokenizer: Tokenizer = new Tokenizer(
    {},
    {
      onStartTag(token) {
        const tag = token.tagName;
        const mode = RAW_TEXT[tag];
        if (mode !== undefined) tokenizer.state = mode;
        if (BLOCK_TAGS.has(tag) || tag === 'br') out.push('\n\n');
        if (
          (IGNORED.has(tag) || MEDIA.has(tag) || CHROME.has(tag)) &&
          !VOID.has(tag) &&
          !token.selfClosing
        ) {
          skipped.set(tag, (skipped.get(tag) ?? 0) + 1);
          skipping++;
        }
      },
      onEndTag(token) {
        const tag = token.tagName;
        if (BLOCK_TAGS.has(tag)) out.push('\n\n');
        const open = skipped.get(tag) ?? 0;
        if (open > 0) {
          skipped.set(tag, open - 1);
          skipping--;
        }
      },
      onCharacter: text,
      onWhitespaceCharacter: text,
      onNullCharacter: () => undefined,
      onComment: () => undefined,
      onDoctype: () => undefined,
      onEof: () => undefined,
    },
  );
  tokenizer.write(html, true);
  return out.join('');
}

/** parse5's parse, stopped as soon as more than MAX_OPEN_ELEMENTS elements are open. */
function parseDocument(html: string, sourceCodeLocationInfo: boolean) {
  let open = 0;
  return parse(html, {
    sourceCodeLocationInfo,
    treeAdapter: {
      ...defaultTreeAdapter,
      onItemPush: () => {
        if (++open > MAX_OPEN_ELEMENTS) throw new NestedTooDeeplyError();
      },
      onItemPop: () => {
        open--;
      },
    },
  });
}

/** Parses an HTML page or fragment into blocks; `title` is the page's <title>. */
export function parseHtml(html: string): ParsedHtml {
  // Too deep, this throws, and the importer keeps the words alone (htmlWords).
  const document = parseDocument(html, true);
  const walker = new Walker((node) => {
    const line = node.sourceCodeLocation?.startLine;
    return line === undefined ? 'the article' : `line ${line}`;
  }, true);
  const titleElement = findFirst(document.childNodes, 'title');
  const title = titleElement ? walker.plainText(titleElement.childNodes) || null : null;
  // The article itself when the page marks it, so menus and comments stay out.
  const root =
    findFirst(document.childNodes, 'article') ??
    findFirst(document.childNodes, 'main') ??
    findFirst(document.childNodes, 'body');
  const blocks = root ? walker.blocks(root.childNodes) : [];
  return { blocks, title, warnings: walker.warnings };
}

/**
 * Markdown nested deeper than this (more quotes and list markers at the start of a line, or
 * more than three columns of indentation a level) is not read by marked: it reads a
 * container's content again for every level it sits in, so nesting costs the square of its
 * depth (16,000 "> " took 2 s before overflowing the stack, an 800-deep list 4 s).
 */
export const MAX_MARKDOWN_NESTING = 32;
/** What opens containers at the start of a line: spaces, ">" and list markers. */
const CONTAINER_PREFIX = /^(?:[ \t]|>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]))*/;

function nestsTooDeeply(markdown: string): boolean {
  for (const line of markdown.split('\n')) {
    const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
    let markers = 0;
    let columns = 0;
    for (const char of prefix) {
      if (char === ' ' || char === '\t') columns += char === '\t' ? 4 : 1;
      else if (
        char === '>' ||
        char === '*' ||
        char === '+' ||
        char === '-' ||
        char === '.' ||
        char === ')'
      )
        markers++;
    }
    if (markers > MAX_MARKDOWN_NESTING || columns > 3 * MAX_MARKDOWN_NESTING) return true;
  }
  return false;
}

/**
 * What marked may spend on emphasis (*, _ and ~) in one document, in delimiters times the
 * length of the text they sit in. marked looks for the closing delimiter of each opening one
 * through the rest of its paragraph, so 4,000 "*a " before one "b*" (12 KB) took 2.4 s and
 * 16,000 "**a " 126 s. Prose spends a few thousand a paragraph; a paragraph beyond the budget
 * keeps its *, _ and ~ as written.
 */
const EMPHASIS_BUDGET = 20_000_000;

/** A marked that reads emphasis only while the document's emphasis budget lasts. */
function markdownReader(): Marked {
  let budget = EMPHASIS_BUDGET;
  const affordable = new Map<string, boolean>();
  const withinBudget = (masked: string): boolean => {
    let allowed = affordable.get(masked);
    if (allowed === undefined) {
      let delimiters = 0;
      for (let i = 0; i < masked.length; i++) {
        const code = masked.charCodeAt(i);
        if (code === 42 || code === 95 || code === 126) delimiters++; // * _ ~
      }
      const cost = delimiters * masked.length;
      allowed = cost <= budget;
      if (allowed) budget -= cost;
      affordable.set(masked, allowed);
    }
    return allowed;
  };
  return new Marked(
    { gfm: true, breaks: false },
    {
      tokenizer: {
        // false: marked's own tokenizer reads it; undefined: no emphasis here, the text stays.
        emStrong: (_src, masked) => (withinBudget(masked) ? false : undefined),
        del: (_src, masked) => (withinBudget(masked) ? false : undefined),
      },
    },
  );
}

/**
 * What marked may spend looking for email addresses, in its terms: for GitHub's autolinks it
 * looks for an "@" through the rest of a run of the characters an address may hold, from every
 * place in the run where a piece of text may start (at "_", "*", "!", "~", "`" and "http").
 * Prose has no such runs, but "http" 16,000 times took 6 s and "a_" 16,000 times 1 s. Counted
 * as those places times the run's length, over runs of 64 characters or more.
 */
const AUTOLINK_SCAN_BUDGET = 20_000_000;
const ADDRESS_CHARS = new Set(
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.!#$%&'*+/=?_`{|}~-",
);
const TEXT_STARTS = new Set('_*!~`hHwWfF');

function autolinkScanCost(markdown: string): number {
  let cost = 0;
  let run = 0;
  let starts = 0;
  for (let i = 0; i <= markdown.length; i++) {
    const char = markdown[i];
    if (char !== undefined && ADDRESS_CHARS.has(char)) {
      run++;
      if (TEXT_STARTS.has(char)) starts++;
      continue;
    }
    if (run >= 64) cost += starts * run;
    run = 0;
    starts = 0;
  }
  return cost;
}

/** Markdown that marked would take too long to read (see the limits above). */
export class MarkdownTooComplexError extends Error {}

/**
 * Parses Markdown (CommonMark with GitHub's extensions, by marked) into blocks, through the
 * same HTML reading and allowlist. The HTML marked writes is never rendered. Throws for
 * Markdown nested too deeply or too costly to read; the importer then reads it as plain text.
 */
export function parseMarkdown(markdown: string): ParsedHtml {
  if (nestsTooDeeply(markdown)) throw new NestedTooDeeplyError();
  if (autolinkScanCost(markdown) > AUTOLINK_SCAN_BUDGET) throw new MarkdownTooComplexError();
  const html = markdownReader().parse(markdown, { async: false });
  // Too deep, this throws, and the importer reads the Markdown as plain text instead.
  const document = parseDocument(html, false);
  const walker = new Walker((node) => {
    const words = rawText(node);
    const snippet = words.replace(/\s+/g, ' ').trim().slice(0, 40);
    return snippet ? `near “${snippet}${words.length > 40 ? '…' : ''}”` : 'the article';
  }, false);
  const body = findFirst(document.childNodes, 'body');
  return {
    blocks: body ? walker.blocks(body.childNodes) : [],
    title: null,
    warnings: walker.warnings,
  };
}
