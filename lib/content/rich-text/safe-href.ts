// Link targets allowed in review text. Checked when content is saved and again when it is
// rendered, so a document that reached the database by any route still cannot carry script.

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
const MAX_HREF_LENGTH = 2048;

/**
 * True for http(s) and mailto URLs and for relative references (`/path`, `#anchor`, `page`).
 * Anything with whitespace or control characters is refused outright, since browsers strip
 * them before reading the scheme (`java\tscript:` is `javascript:` to a browser).
 */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length === 0 || href.length > MAX_HREF_LENGTH) return false;
  if (
    /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(
      href,
    )
  ) {
    return false;
  }
  // Browsers read a backslash as a slash in URLs; refuse it rather than guess.
  if (href.includes('\\')) return false;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // A relative reference. A colon before the first slash would make it a scheme to some
    // parsers, so refuse it.
    const beforeSlash = href.split('/', 1)[0] ?? '';
    return !beforeSlash.includes(':');
  }
  if (!ALLOWED_SCHEMES.has(scheme)) return false;
  if (scheme === 'mailto') return href.length > 'mailto:'.length;
  try {
    const url = new URL(href);
    return url.hostname.length > 0;
  } catch {
    return false;
  }
}
