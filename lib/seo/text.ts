// Text helpers for what leaves the site outside its pages: feeds, sitemaps, meta tags and
// JSON-LD. Everything an editor typed passes through here before it is put into XML or HTML.

import { charIn, trimEndWhere } from '../text/trim';

/** Whitespace runs (line breaks included) become one space; the ends are trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * At most `max` characters (code points, so an emoji is never cut in half), cut at a word
 * boundary where one is near and ended with an ellipsis when anything was cut.
 */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, Math.max(1, max - 1)).join('');
  const space = cut.lastIndexOf(' ');
  const atWord = space >= cut.length * 0.6 ? cut.slice(0, space) : cut;
  return `${trimEndWhere(atWord, charIn(/[\s,;:.!?–—-]/u))}…`;
}

/**
 * Characters XML 1.0 forbids even when escaped: C0 controls other than tab, line feed and
 * carriage return, U+FFFE, U+FFFF and unpaired surrogates. One of them would make a whole feed
 * or sitemap unreadable, so they are dropped.
 */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for XML or HTML element content and quoted attribute values. (`&apos;` is XML
 * and HTML5; every feed reader and browser in use understands it.)
 */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
