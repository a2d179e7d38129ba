import iconv from 'iconv-lite';
import { classify, implausibility, isLetter, type Kind } from './repair-chars';
import type { Note, Reason } from './repair-notes';

// Undoes UTF-8 read through a single-byte code page: Windows-1252 (and Latin-1, whose C1
// controls stand for their own bytes) and Greek ISO-8859-7. A run of characters that, read back
// as bytes of the code page, is well-formed UTF-8 is a candidate; it is decoded when the decoded
// text looks at least as plausible as the run (repair-chars.ts), so clean text that happens to
// spell UTF-8 ("ΑΓΆΠΗ", "tué…”") stays. Text encoded twice is decoded again.

export type Table = {
  /** 1 or 2: marks the characters a table decoded, so that later steps know them. */
  id: 1 | 2;
  /** UTF-16 code unit → byte of the upper half of the code page, or 0 for none. */
  toByte: Uint8Array;
  reason: Reason;
};

/** Character → byte for the upper half of a code page, from iconv-lite's table. */
function upperHalf(encoding: 'windows-1252' | 'iso-8859-7'): Uint8Array {
  const decoded = iconv.decode(
    Buffer.from(Array.from({ length: 0x80 }, (_, i) => 0x80 + i)),
    encoding,
  );
  // Looked up for every character of an article, so an array rather than a map.
  const toByte = new Uint8Array(0x10000);
  [...decoded].forEach((char, i) => {
    if (char !== '\uFFFD') toByte[char.charCodeAt(0)] = 0x80 + i;
  });
  // A C1 control character stands for its own byte: sloppy decoders keep the bytes a code page
  // leaves undefined (0x81, 0x8D, 0x8F, 0x90 and 0x9D in Windows-1252), and Latin-1 all of them.
  for (let byte = 0x80; byte < 0xa0; byte++) if (!toByte[byte]) toByte[byte] = byte;
  return toByte;
}

export const CP1252: Table = { id: 1, toByte: upperHalf('windows-1252'), reason: 'cp1252' };
export const GREEK: Table = { id: 2, toByte: upperHalf('iso-8859-7'), reason: 'greek' };

/**
 * The byte a character stands for in a code page, as the first byte of a sequence or as a
 * later one. ISO-8859-7 leaves 0xAE, 0xD2 and 0xFF undefined, and decoders turn them into "�":
 * of those only 0xAE continues a sequence and only 0xD2 starts one, so "�" is still one byte.
 */
export function byteOf(table: Table, char: string | undefined, lead: boolean): number | undefined {
  // Characters beyond the Basic Multilingual Plane (two code units) are in no code page.
  if (char === undefined || char.length !== 1) return undefined;
  const byte = table.toByte[char.charCodeAt(0)]!;
  if (byte) return byte;
  if (table === GREEK && char === '\uFFFD') return lead ? 0xd2 : 0xae;
  return undefined;
}

export const isContinuation = (table: Table, char: string | undefined) => {
  const byte = byteOf(table, char, false);
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
};

/** How many bytes a UTF-8 sequence starting with `lead` has, or 0 if it cannot start one. */
export const sequenceLength = (lead: number) =>
  lead >= 0xc2 && lead <= 0xdf
    ? 2
    : lead >= 0xe0 && lead <= 0xef
      ? 3
      : lead >= 0xf0 && lead <= 0xf4
        ? 4
        : 0;

type Sequence = { start: number; length: number; decoded: string; kind: Kind | null };

/** The lowest code point a sequence of each length may encode: below it, it is overlong. */
const MIN_CODE_POINT = [0, 0, 0x80, 0x800, 0x10000];

/** The well-formed UTF-8 sequence the characters at `i` spell in a code page, if any. */
function sequenceAt(
  chars: readonly string[],
  mask: Uint8Array,
  i: number,
  table: Table,
): Sequence | null {
  if (mask[i]) return null;
  const lead = byteOf(table, chars[i], true);
  if (lead === undefined) return null;
  const length = sequenceLength(lead);
  if (length === 0 || i + length > chars.length) return null;
  let cp = lead & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    // A "�" that a later byte continues starts the next sequence (0xD2), not this one.
    if (chars[i + k] === '\uFFFD' && isContinuation(table, chars[i + k + 1])) return null;
    const byte = mask[i + k] ? undefined : byteOf(table, chars[i + k], false);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return null;
    cp = (cp << 6) | (byte & 0x3f);
  }
  // Overlong, a surrogate or beyond U+10FFFF: not UTF-8.
  if (cp < MIN_CODE_POINT[length]! || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return null;
  const decoded = String.fromCodePoint(cp);
  return { start: i, length, decoded, kind: classify(cp, chars[i - 1]) };
}

/** A run of consecutive sequences, and whether to decode it. */
type Candidate = {
  start: number;
  end: number;
  decoded: string;
  reason: Reason;
  decode: boolean;
  /** What the run spells once decoded (less than `decoded` when it was encoded twice). */
  once: string;
};

/** What a decoded line looks like, for the steps that follow. */
export type Decoded = {
  chars: readonly string[];
  /** Per character: 0, or the id of the table that decoded it. */
  mask: Uint8Array;
  /** How many runs were decoded. */
  decodedRuns: number;
  /**
   * Characters of the code page that no UTF-8 sequence explains and that clean text has:
   * "é" or "α" outside any run. A line that has them was not broken as a whole.
   */
  cleanEvidence: number;
};

/**
 * Whether a character outside every run is one that mojibake of this code page does not leave:
 * a character beyond ASCII the code page has not ("ł", "한"), a small letter of it (except the
 * leads of punctuation, "â" and "β", and of emoji, "ð" and "π"), or a character that would
 * continue a sequence ("’", "©", "Ά") with no lead before it. A line that has one was not
 * broken as a whole.
 */
function isCleanEvidence(
  table: Table,
  chars: readonly string[],
  mask: Uint8Array,
  i: number,
): boolean {
  const char = chars[i]!;
  const cp = char.charCodeAt(0);
  // "�" is a byte that was lost, not text.
  if (cp < 0x80 || mask[i] || char === '\uFFFD') return false;
  const byte = byteOf(table, char, false);
  if (byte === undefined) return true;
  if (byte < 0xc0) return mask[i - 1] !== 0 || (byteOf(table, chars[i - 1], true) ?? 0) < 0xc2;
  if (table === CP1252)
    return byte >= 0xe0 ? byte !== 0xe2 && byte !== 0xf0 && byte !== 0xf7 : byte < 0xc2;
  return (byte >= 0xe0 && byte !== 0xe2 && byte !== 0xf0) || byte === 0xc1;
}

/** Quotes opened in the line so far and not closed, and the last character seen. */
type Quotes = { double: number; single: number; last?: string };

/** Whether a run ends in a closing quote that closes an opening one earlier in the line. */
function closesQuote(last: string | undefined, next: string | undefined, open: Quotes): boolean {
  if (isLetter(next)) return false;
  return (last === '”' && open.double > 0) || (last === '’' && open.single > 0);
}

/** What may stand before an opening quote: a quote opens a word ("art‘ists", "â€˜" open none). */
const BEFORE_OPENING = new Set(' \t\u00a0([{—–-/"\'«‹');

/** Counts a quote. */
function trackQuote(char: string, open: Quotes): void {
  const opens = open.last === undefined || BEFORE_OPENING.has(open.last);
  open.last = char;
  if (!opens && (char === '“' || char === '‘')) return;
  if (char === '“') open.double++;
  else if (char === '”' && open.double > 0) open.double--;
  else if (char === '‘') open.single++;
  else if (char === '’' && open.single > 0) open.single--;
}

/**
 * The leads that start the mojibake of every Latin-1 character and almost no clean word: "Ã"
 * and "Â" in Windows-1252, "Γ" and "Β" in ISO-8859-7.
 */
const COMMON_LEADS = new Set([0xc2, 0xc3]);

/** Judges a run of plausible sequences: decode it or keep it. */
function judge(
  chars: readonly string[],
  run: Sequence[],
  table: Table,
  line: { levels: Quotes[]; cleanEvidence: number; depth: number },
): Candidate {
  const start = run[0]!.start;
  const last = run[run.length - 1]!;
  const end = last.start + last.length;
  const once = run.map((sequence) => sequence.decoded).join('');
  let decoded = once;
  let reason = table.reason;
  const keep = (): Candidate => ({ start, end, decoded, reason, decode: false, once });
  // Encoded twice: what came out is itself mojibake of the same kind (which takes two
  // characters at least, a lead first).
  const lead = (s: Sequence) => s.decoded.charCodeAt(0) >= 0xc2 && s.decoded.charCodeAt(0) <= 0xf4;
  if (table === CP1252 && line.depth < 3 && decoded.length > 1 && run.some(lead)) {
    // Quotes open around the run in the decoded text count inside it, where it ends a word.
    const below = isLetter(chars[end]) ? [] : line.levels.slice(1);
    const again = decodeText(decoded, line.depth + 1, below);
    if (again !== decoded) {
      decoded = again;
      reason = 'double';
    }
  }
  // Control characters that did not decode further: not text.
  if (/[\u0080-\u009f]/.test(decoded)) return keep();
  // A closing quote that closes an opening one is a quote ("“Ã”"), not the end of a sequence.
  // Only quotes left as they were count: where the opening one was mojibake, a clean closing
  // one would be mojibake too.
  if (closesQuote(chars[end - 1], chars[end], line.levels[0]!)) return keep();
  // A neighbour that is itself the lead of a sequence (one whose other bytes were lost) is
  // mojibake too, not a letter the run must fit.
  const neighbour = (k: number) =>
    (byteOf(table, chars[k], true) ?? 0) >= 0xc2 ? undefined : chars[k];
  const before = neighbour(start - 1);
  const after = neighbour(end);
  // Clean text rarely spells UTF-8 in a code page: in a line with no clean text of the code page
  // a run is mojibake unless decoding makes it clearly worse, the more so when a common lead
  // starts it. Beside clean text ("CAFÈ’S, déjà") one sequence must make the text better.
  const prior =
    line.cleanEvidence > 0 ? 0 : COMMON_LEADS.has(byteOf(table, chars[start], true)!) ? 3 : 2;
  const was = implausibility([before, ...chars.slice(start, end), after]) + prior;
  const now = implausibility([before, ...decoded, after]);
  // Two sequences in a row are mojibake unless decoding makes the text worse.
  if (now < was || (now === was && run.length > 1))
    return { start, end, decoded, reason, decode: true, once };
  return keep();
}

/** The runs of consecutive sequences in a line, split where a sequence decodes to no text. */
function findRuns(
  chars: readonly string[],
  mask: Uint8Array,
  table: Table,
): { runs: Sequence[][]; cleanEvidence: number } {
  const runs: Sequence[][] = [];
  let cleanEvidence = 0;
  let i = 0;
  while (i < chars.length) {
    const sequence = sequenceAt(chars, mask, i, table);
    if (!sequence) {
      if (isCleanEvidence(table, chars, mask, i)) cleanEvidence++;
      i++;
      continue;
    }
    if (sequence.kind !== null) {
      const previous = runs[runs.length - 1];
      const last = previous?.[previous.length - 1];
      if (last && last.start + last.length === i) previous!.push(sequence);
      else runs.push([sequence]);
    }
    i += sequence.length;
  }
  return { runs, cleanEvidence };
}

/** Decodes the runs of one code page in a line; adds what it changed to `notes`. */
export function decodeRuns(
  chars: readonly string[],
  mask: Uint8Array,
  table: Table,
  notes: Note[] | null,
  depth = 0,
  quotes: readonly Quotes[] = [],
): Decoded {
  const { runs, cleanEvidence } = findRuns(chars, mask, table);
  // Nothing to decode: the line as it is (most lines).
  if (runs.length === 0) return { chars, mask, decodedRuns: 0, cleanEvidence };
  // The quotes open so far in the text as it is, in it decoded once, and decoded further (for
  // text encoded twice, whose runs are decoded again at the level below).
  const levels: Quotes[] = [0, 1, 2].map((k) => ({ double: 0, single: 0, ...quotes[k] }));
  const out: string[] = [];
  const outMask: number[] = [];
  let next = 0;
  const copyTo = (end: number) => {
    for (; next < end; next++) {
      out.push(chars[next]!);
      outMask.push(mask[next]!);
    }
  };
  const candidates = runs.map((run) => {
    // The quotes open before the run: the text up to it, as it will be written.
    const track = (char: string) => levels.forEach((level) => trackQuote(char, level));
    for (; next < run[0]!.start; next++) track(chars[next]!);
    const candidate = judge(chars, run, table, { levels, cleanEvidence, depth });
    if (candidate.decode) {
      for (const char of candidate.once) trackQuote(char, levels[1]!);
      for (const char of candidate.decoded) trackQuote(char, levels[2]!);
    } else for (; next < candidate.end; next++) track(chars[next]!);
    next = candidate.end;
    return candidate;
  });
  next = 0;
  for (const candidate of candidates) {
    copyTo(candidate.start);
    if (!candidate.decode) continue;
    for (const char of candidate.decoded) {
      out.push(char);
      outMask.push(table.id);
    }
    notes?.push({
      before: chars.slice(candidate.start, candidate.end).join(''),
      after: candidate.decoded,
      reason: candidate.reason,
    });
    next = candidate.end;
  }
  copyTo(chars.length);
  return {
    chars: out,
    mask: Uint8Array.from(outMask),
    decodedRuns: candidates.filter((candidate) => candidate.decode).length,
    cleanEvidence,
  };
}

/** Decodes Windows-1252 mojibake in a text (the output of one step of double encoding). */
function decodeText(text: string, depth: number, open: readonly Quotes[]): string {
  const chars = [...text];
  return decodeRuns(chars, new Uint8Array(chars.length), CP1252, null, depth, open).chars.join('');
}
