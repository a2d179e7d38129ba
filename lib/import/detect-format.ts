import type { ImportFormat } from './types';

// Which format an article is in, from its file name and then its content.

const BY_EXTENSION: Record<string, ImportFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

/**
 * The start of a tag that only an HTML document would use to hold an article's text. The tag
 * ends at the next ">", found with indexOf: as one pattern (`…\b[^>]*>`, matched everywhere),
 * every start with no ">" after it scanned to the end of the text, so 200 KB of "<p" took 17 s.
 */
const HTML_TAG_START =
  /<(?:!doctype\s+html|html|head|body|article|main|section|div|p|h[1-6]|ul|ol|li|blockquote|br|strong|em|a\s+href)\b/gi;

/**
 * How many such tags the text holds (up to `enough`), each from its start to the next ">", as
 * the one pattern counted them. Each search for ">" starts after the last tag, and none is left
 * once one fails, so the text is read once.
 */
function countHtmlTags(text: string, enough: number): number {
  let count = 0;
  HTML_TAG_START.lastIndex = 0;
  for (let start = HTML_TAG_START.exec(text); start; start = HTML_TAG_START.exec(text)) {
    const close = text.indexOf('>', start.index + start[0].length);
    if (close === -1 || ++count >= enough) break;
    HTML_TAG_START.lastIndex = close + 1;
  }
  return count;
}

/** Markdown that plain text would not contain. */
const MARKDOWN_SIGNS = [
  /^#{1,6}\s+\S/m, // # Heading
  /^\S.*\n(?:=+|-+)[ \t]*$/m, // Setext heading
  /\*\*[^*\n]+\*\*|__[^_\n]+__/, // **bold**
  /(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])|(?<![\w_])_[^_\s][^_\n]*_(?![\w_])/, // *italic*
  /\[[^[\]\n]+\]\([^()\s]+\)/, // [text](link)
  /^>\s+\S/m, // > quote
  /^```/m, // fenced code
];

export function detectFormat(text: string, fileName?: string | null): ImportFormat {
  const extension = /\.[a-z]+$/i.exec(fileName ?? '')?.[0]?.toLowerCase();
  if (extension && BY_EXTENSION[extension]) return BY_EXTENSION[extension];
  const sample = text.slice(0, 200_000);
  if (/^\s*<(?:!doctype|html)\b/i.test(sample) || countHtmlTags(sample, 3) >= 3) return 'html';
  // A "# Heading" line is enough; otherwise two different signs.
  if (MARKDOWN_SIGNS[0]!.test(sample)) return 'markdown';
  const signs = MARKDOWN_SIGNS.filter((sign) => sign.test(sample)).length;
  return signs >= 2 ? 'markdown' : 'text';
}
