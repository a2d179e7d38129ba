// What counts as markup in a plain-text field: a "<" that starts a tag ("<b", "</ p", "<!--")
// with a ">" somewhere after it. Found in one pass: the obvious /<\s*\/?\s*[a-z!][^>]*>/ is
// tried from every "<" to the end of the text, which an 80 KB run of "<a" made take 9 s.

const TAG_START = /<\s*(?:\/\s*)?[a-z!]/gi;

/** The first tag in `text` from `from` on, as [start, end), or null. */
function nextTag(text: string, from: number): [number, number] | null {
  TAG_START.lastIndex = from;
  const start = TAG_START.exec(text);
  if (start === null) return null;
  const close = text.indexOf('>', start.index + start[0].length);
  return close === -1 ? null : [start.index, close + 1];
}

/** True when the text holds something that reads as an HTML tag. */
export function containsMarkup(text: string): boolean {
  return nextTag(text, 0) !== null;
}

/** The text with every tag removed. */
export function stripMarkup(text: string): string {
  let out = '';
  let from = 0;
  for (let tag = nextTag(text, 0); tag !== null; tag = nextTag(text, from)) {
    out += text.slice(from, tag[0]);
    from = tag[1];
  }
  return out + text.slice(from);
}
