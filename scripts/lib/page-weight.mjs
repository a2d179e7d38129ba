// What a reader page weighs: its HTML as sent (plain and gzipped) and the JavaScript it makes a
// modern browser load (every <script src>, gzipped; noModule polyfills are only for browsers
// without modules). Used by `npm run bench` for its page-weight table.
import { gzipSync } from 'node:zlib';

// A <script …src="…"…> start tag: the attributes, then the tag's end. Linear: [^>]* never
// backtracks into itself.
const SCRIPT_TAG = /<script\b([^>]*)>/g;
const SRC = /\bsrc="([^"]*)"/;

const gzipBytes = (bytes) => gzipSync(bytes, { level: 6 }).byteLength;

/** The page's HTML and JS weight in bytes. */
export async function pageWeight(url) {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const html = Buffer.from(await response.arrayBuffer());
  const scripts = new Set();
  const noModule = new Set();
  for (const [, attributes] of html.toString('utf8').matchAll(SCRIPT_TAG)) {
    const src = SRC.exec(attributes)?.[1];
    if (!src) continue;
    const href = new URL(src.replaceAll('&amp;', '&'), url).href;
    (/\bnomodule\b/i.test(attributes) ? noModule : scripts).add(href);
  }
  const gzippedTotal = async (sources) => {
    let total = 0;
    for (const src of sources) {
      const script = await fetch(src, { headers: { 'accept-encoding': 'identity' } });
      total += gzipBytes(Buffer.from(await script.arrayBuffer()));
    }
    return total;
  };
  return {
    htmlBytes: html.byteLength,
    htmlGzipBytes: gzipBytes(html),
    scripts: scripts.size,
    jsGzipBytes: await gzippedTotal(scripts),
    noModuleGzipBytes: await gzippedTotal(noModule),
  };
}
