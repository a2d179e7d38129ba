import type { ImportFormat } from './types';

// Which format an article is in, from its file name and then its content.

const BY_EXTENSION: Record<string, ImportFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

/** Tags that only an HTML document would use to hold an article's text. */
const HTML_TAGS =
  /<(?:!doctype\s+html|html|head|body|article|main|section|div|p|h[1-6]|ul|ol|li|blockquote|br|strong|em|a\s+href)\b[^>]*>/gi;

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
  const tags = sample.match(HTML_TAGS)?.length ?? 0;
  if (/^\s*<(?:!doctype|html)\b/i.test(sample) || tags >= 3) return 'html';
  // A "# Heading" line is enough; otherwise two different signs.
  if (MARKDOWN_SIGNS[0]!.test(sample)) return 'markdown';
  const signs = MARKDOWN_SIGNS.filter((sign) => sign.test(sample)).length;
  return signs >= 2 ? 'markdown' : 'text';
}
