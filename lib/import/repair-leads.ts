import { isLetter, scriptOf } from './repair-chars';
import { CP1252, GREEK, byteOf, isContinuation, type Table } from './repair-mojibake';

// The lead of a two-byte UTF-8 sequence whose second byte was lost (repair-lost.ts): "Ñ" of
// "Ñлово" (с, 0xD1 0x81, read as Windows-1252 with 0x81 dropped), "Γ" of "ZΓrich" (À, 0xC3
// 0x80, read as ISO-8859-7 with 0x80 dropped). The letter it stood for is gone; the lead is
// also a letter clean text has ("Ñ", "Γ"), so it is only read as lost on evidence.

/** The code page in which the character at `i` is the lead of a two-byte sequence left alone. */
export function loneLead(chars: readonly string[], mask: Uint8Array, i: number): Table | null {
  const char = chars[i];
  if (mask[i] || char === undefined || char.charCodeAt(0) < 0xc2) return null;
  const twoByteLead = (t: Table) => {
    const byte = byteOf(t, char, true);
    return byte !== undefined && byte >= 0xc2 && byte <= 0xdf;
  };
  const table = twoByteLead(CP1252) ? CP1252 : twoByteLead(GREEK) ? GREEK : null;
  if (!table || (!mask[i + 1] && isContinuation(table, chars[i + 1]))) return null;
  return table;
}

/**
 * For each character, how many leads of the Greek (0xCE, 0xCF) or the Cyrillic (0xD0–0xD3)
 * block stand in a row with it, alone: what is left of a Greek or Cyrillic word when every
 * second byte was lost ("ΞΞΞΞΞ", "ÎÎÎÎÎ"). No Greek or Latin word is three of them.
 */
function blockLeadRuns(chars: readonly string[], mask: Uint8Array): Uint32Array {
  const block = (i: number) => {
    const table = loneLead(chars, mask, i);
    const byte = table ? byteOf(table, chars[i], true)! : 0;
    return byte === 0xce || byte === 0xcf ? 1 : byte >= 0xd0 && byte <= 0xd3 ? 2 : 0;
  };
  const runs = new Uint32Array(chars.length);
  let start = 0;
  for (let i = 0; i <= chars.length; i++) {
    const kind = i < chars.length ? block(i) : 0;
    if (i > start && (kind === 0 || kind !== block(start))) {
      runs.fill(i - start, start, i);
      start = i;
    }
    if (kind === 0) start = i + 1;
  }
  return runs;
}

/** A line, for reading its leads. */
export type LeadLine = {
  chars: readonly string[];
  /** Per character: 0, or the id of the table that decoded it. */
  mask: Uint8Array;
  /** Whether the line went through a code page and holds no clean text of it. */
  brokenBy: (table: Table) => boolean;
  /** See blockLeadRuns; worked out when first asked. */
  blockRuns?: Uint32Array;
};

export type LeadReading =
  | { length: 1; replacement: '\uFFFD'; reason: 'char-lost'; table: Table }
  | { suspect: true }
  | null;

/**
 * What the lead at `i` reads as: next to what was decoded from the same code page, in a line
 * broken as a whole, or among others of its kind, a letter that is gone, "�". Glued to a letter
 * of another script it may be one: a warning ("Check"). Else it is the letter it is.
 */
export function readLead(line: LeadLine, i: number): LeadReading {
  const { chars, mask } = line;
  const char = chars[i]!;
  const table = isLetter(char) ? loneLead(chars, mask, i) : null;
  if (!table) return null;
  const before = isLetter(chars[i - 1]) ? i - 1 : -1;
  const after = isLetter(chars[i + 1]) ? i + 1 : -1;
  if (
    (before >= 0 && mask[before] === table.id) ||
    (after >= 0 && mask[after] === table.id) ||
    line.brokenBy(table) ||
    (line.blockRuns ??= blockLeadRuns(chars, mask))[i]! >= 3
  ) {
    return { length: 1, replacement: '\uFFFD', reason: 'char-lost', table };
  }
  const script = scriptOf(char);
  const foreign = (k: number) =>
    k >= 0 && scriptOf(chars[k]) !== null && scriptOf(chars[k]) !== script;
  return foreign(before) || foreign(after) ? { suspect: true } : null;
}
