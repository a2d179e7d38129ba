// Which characters a TrueType/OpenType font has glyphs for, read from its `cmap` table.
//
// Why: next/og (satori) fetches a Google font, or a Twemoji image, for any character that none
// of the fonts it was given can draw. This server must not reach the network to draw a share
// image (and an emoji it cannot fetch fails the whole image), so text is filtered to the
// characters the local fonts cover before it is drawn.

/** Sorted, non-overlapping [first, last] code point ranges. */
export type Coverage = ReadonlyArray<readonly [number, number]>;

function addRange(ranges: Array<[number, number]>, first: number, last: number) {
  const previous = ranges.at(-1);
  if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
  else ranges.push([first, last]);
}

function normalize(ranges: Array<[number, number]>): Coverage {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [first, last] of sorted) addRange(merged, first, last);
  return merged;
}

/** Format 4: segments of the Basic Multilingual Plane. */
function format4(view: DataView, offset: number): Array<[number, number]> {
  const segCount = view.getUint16(offset + 6) / 2;
  const endCodes = offset + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < segCount; i++) {
    const end = view.getUint16(endCodes + i * 2);
    const start = view.getUint16(startCodes + i * 2);
    const delta = view.getUint16(idDeltas + i * 2);
    const rangeOffsetAt = idRangeOffsets + i * 2;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (code + delta) & 0xffff;
      } else {
        const at = rangeOffsetAt + rangeOffset + (code - start) * 2;
        if (at + 2 > view.byteLength) continue;
        glyph = view.getUint16(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) addRange(ranges, code, code);
    }
  }
  return ranges;
}

/** Format 12: groups over all planes (emoji, rarer scripts). */
function format12(view: DataView, offset: number): Array<[number, number]> {
  const groups = view.getUint32(offset + 12);
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < groups; i++) {
    const at = offset + 16 + i * 12;
    let first = view.getUint32(at);
    const last = view.getUint32(at + 4);
    // A group whose first character maps to glyph 0 (.notdef) does not cover it.
    if (view.getUint32(at + 8) === 0) first += 1;
    if (first <= last) ranges.push([first, last]);
  }
  return ranges;
}

/**
 * The characters a font (the bytes of a .ttf or .otf file) covers; empty when the file is not
 * a single sfnt font (collections and WOFF are not read) or has no Unicode cmap.
 */
export function fontCoverage(data: Uint8Array): Coverage {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  try {
    const version = view.getUint32(0);
    // 0x00010000 (TrueType), 'OTTO' (CFF), 'true' (old Apple TrueType).
    if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) return [];
    const tables = view.getUint16(4);
    let cmap = -1;
    for (let i = 0; i < tables; i++) {
      const record = 12 + i * 16;
      if (view.getUint32(record) === 0x636d6170 /* 'cmap' */) cmap = view.getUint32(record + 8);
    }
    if (cmap < 0) return [];
    const encodings = view.getUint16(cmap + 2);
    let best: { rank: number; offset: number; format: number } | null = null;
    for (let i = 0; i < encodings; i++) {
      const record = cmap + 4 + i * 8;
      const platform = view.getUint16(record);
      const encoding = view.getUint16(record + 2);
      const offset = cmap + view.getUint32(record + 4);
      const format = view.getUint16(offset);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode || (format !== 4 && format !== 12)) continue;
      const rank = format === 12 ? 2 : 1;
      if (!best || rank > best.rank) best = { rank, offset, format };
    }
    if (!best) return [];
    return normalize(best.format === 12 ? format12(view, best.offset) : format4(view, best.offset));
  } catch {
    // A truncated or malformed file (RangeError from the DataView): treat it as covering nothing.
    return [];
  }
}

export function covers(coverage: Coverage, codePoint: number): boolean {
  let low = 0;
  let high = coverage.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = coverage[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}

/** The characters both fonts cover. */
export function intersectCoverage(a: Coverage, b: Coverage): Coverage {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aFirst, aLast] = a[i]!;
    const [bFirst, bLast] = b[j]!;
    const first = Math.max(aFirst, bFirst);
    const last = Math.min(aLast, bLast);
    if (first <= last) out.push([first, last]);
    if (aLast < bLast) i++;
    else j++;
  }
  return out;
}

/**
 * The text with every character no font covers left out (runs of whitespace become one
 * space), so drawing it needs nothing from the network.
 */
export function drawableText(text: string, coverage: Coverage): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (/\s/u.test(char)) out += ' ';
    else if (covers(coverage, code)) out += char;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
