import { AFTER_WORD, isDigit, isLetter, isLower, isSpace, isUpper, scriptOf } from './repair-chars';
import { loneLead, readLead, type LeadLine, type LeadReading } from './repair-leads';
import { CP1252, GREEK, byteOf, isContinuation, type Decoded, type Table } from './repair-mojibake';
import { context, type Note, type Reason } from './repair-notes';

// What is left when a wrong code page also lost bytes: pipelines drop the C1 control characters
// (bytes 0x80–0x9F) that ISO-8859-7 and Latin-1 decode them to, and the bytes Windows-1252
// leaves undefined. A lost byte cannot be recovered, so each fragment is read from context, and
// every reading is reported:
//
// - The lead of general punctuation (U+2000–U+206F), "β" in ISO-8859-7 and "â" in Windows-1252,
//   with both its other bytes lost ("the artistsâ flat"): between letters "’", between digits
//   "–", spaced "—", opening a word "“", closing one "’" — or "”" where it closes a double
//   quote opened before it in the line.
// - The same lead with its middle byte lost and its last kept: that punctuation ("β¦" → "…").
// - The lead of an emoji ("π", "ðŸ") and what is left of it: dropped.
// - "Ã" and "Â" before a space: "à" and a no-break space whose second byte (0xA0) became a space.
// - The lead of a letter whose second byte was lost (repair-leads.ts): "�", or a warning.
//
// Only characters that were in the input are read so: "β" decoded from "Î²" is a Greek letter.
// A reading that finds bytes of a code page lost reads the line again knowing it: a lone "â" or
// "Ñ" is then a fragment too.

type LineFacts = Readonly<Record<Table['id'], Pick<Decoded, 'decodedRuns' | 'cleanEvidence'>>>;

/** A reading of a fragment; `table`: the code page whose bytes it found lost. */
type Fix = { length: number; replacement: string; reason: Reason; table?: Table };

type Scan = LeadLine & {
  facts: LineFacts;
  /** The text so far, as characters: a fragment's left neighbour is what it became. */
  out: string[];
  /** Whether a double quote opened in the line is still open. */
  quoteOpen: boolean;
  /** Where the line's content starts, and where it starts after a heading or list marker. */
  contentStart: number;
  afterMarker: number;
  /**
   * Whether Windows-1252 decoded a no-break space ("Â\u00a0", "Ã\u00a0") in the line; null
   * until asked (most lines never are).
   */
  keptNoBreakSpace: boolean | null;
  /** Where the last fragment read ends: what it read is no longer text of the input. */
  readUpTo: number;
  /** What each lone lead reads as, once worked out in this reading (its neighbours ask too). */
  leads: LeadReading[];
  /** Per code page, whether a reading before this one found bytes of it lost in the line. */
  lost: Record<Table['id'], boolean>;
  /** Per code page, whether this reading found bytes of it lost. */
  found: Record<Table['id'], boolean>;
};

/** Whether a table decoded anything in the line. */
const decodedBy = (scan: Scan, table: Table) => scan.facts[table.id].decodedRuns > 0;

/** Whether the line went through a table: it decoded something, or bytes of it were lost. */
const through = (scan: Scan, table: Table) => decodedBy(scan, table) || scan.lost[table.id];

/** Whether the line went through a table and holds no clean text of it. */
const brokenBy = (scan: Scan, table: Table) =>
  through(scan, table) && scan.facts[table.id].cleanEvidence === 0;

function leadFix(scan: Scan, i: number): LeadReading {
  let known = scan.leads[i];
  if (known === undefined) known = scan.leads[i] = readLead(scan, i);
  return known;
}

/** The character at `i` as it will be written: a lead whose second byte was lost is "�". */
function ahead(scan: Scan, i: number): string | undefined {
  const fix = scan.mask[i] ? null : leadFix(scan, i);
  return fix && 'replacement' in fix ? fix.replacement : scan.chars[i];
}

/** An input character at `i` that is a Greek letter, neither decoded nor read: Greek text. */
const originalGreek = (scan: Scan, i: number) =>
  !scan.mask[i] &&
  i >= scan.readUpTo &&
  scan.chars[i] !== 'β' &&
  scriptOf(ahead(scan, i)) === 'greek';

/** The nearest character that is not a space, looking left (-1) or right (1), and its index. */
function neighbour(chars: readonly string[], index: number, direction: -1 | 1): number {
  let i = index;
  while (i >= 0 && i < chars.length && isSpace(chars[i])) i += direction;
  return i >= 0 && i < chars.length ? i : -1;
}

const wordChar = (char: string | undefined) => isLetter(char) || isDigit(char);
const OPENERS = new Set('([{“‘«—–/');
const AFTER_CLOSING = new Set(',.;:!?)]}');

type Lead = 'greek' | 'cp1252' | 'cp1252-euro';

/** Whether a fragment of punctuation starts at `i`. */
const fragmentAt = (scan: Scan, i: number) =>
  !scan.mask[i] && (scan.chars[i] === 'β' || scan.chars[i] === 'â');

/**
 * The punctuation a lead of U+2000–U+206F whose other bytes were lost stood for, read from its
 * neighbours, or null. "â" in Windows-1252 is also a letter ("château"): only closing a word,
 * where no language puts it, is it read without other mojibake in the line.
 */
function lostPunctuation(scan: Scan, i: number, length: number, lead: Lead): string | null {
  const left = scan.out[scan.out.length - 1];
  const right = ahead(scan, i + length);
  const evidence = lead !== 'cp1252' || through(scan, CP1252);
  // Beside clean accented text ("déjà") an "â" is a letter.
  if (lead === 'cp1252' && scan.facts[CP1252.id].cleanEvidence > 0) return null;
  // "β" inside a Greek word is a letter.
  if (lead === 'greek' && (originalGreek(scan, i - 1) || originalGreek(scan, i + length)))
    return null;
  if (wordChar(left) && wordChar(right)) {
    if (isDigit(left) && isDigit(right)) return '–';
    return isLetter(left) && isLetter(right) && evidence ? '’' : null;
  }
  // Between spaces: a dash; at the edge of a line too where it cannot be a letter: "â€" is none,
  // and no lead is in a line that lost bytes of its code page and holds no clean text of it.
  const broken = brokenBy(scan, lead === 'greek' ? GREEK : CP1252);
  const edge = (char: string | undefined) =>
    isSpace(char) || (!char && (lead === 'cp1252-euro' || broken));
  if (edge(left) && edge(right) && (left || right)) {
    const before = neighbour(scan.chars, i - 1, -1);
    const after = neighbour(scan.chars, i + length, 1);
    if (!evidence || ((before < 0 || after < 0) && !broken && lead !== 'cp1252-euro')) return null;
    return lead === 'greek' && (originalGreek(scan, before) || originalGreek(scan, after))
      ? null
      : '—';
  }
  const opens = left === undefined || isSpace(left) || OPENERS.has(left);
  // "β" only opens what is no clean Greek: a word, or what was decoded or read around it.
  const opened =
    lead !== 'greek' ||
    wordChar(right) ||
    right === '\uFFFD' ||
    scan.mask[i + length] !== 0 ||
    fragmentAt(scan, i + length);
  if (opens && right !== undefined && !isSpace(right) && !AFTER_CLOSING.has(right))
    return evidence && opened ? '“' : null;
  const closing = left !== undefined && !isSpace(left);
  const ends =
    right === undefined ||
    isSpace(right) ||
    AFTER_CLOSING.has(right) ||
    fragmentAt(scan, i + length);
  if (!closing || !ends) return null;
  // A closing double quote only where one was opened; in a run of closing fragments the last.
  return scan.quoteOpen && !fragmentAt(scan, i + length) ? '”' : '’';
}

/** The lead of general punctuation, and what follows it: a fragment of one lost byte or two. */
function punctuationFix(scan: Scan, i: number): Fix | null {
  const { chars, mask } = scan;
  const char = chars[i];
  const table = char === 'β' ? GREEK : char === 'â' ? CP1252 : null;
  if (!table) return null;
  const reason: Reason = table === GREEK ? 'greek-lost' : 'cp1252-lost';
  // Beside clean accented text ("déjà") an "â" is a letter; "â€" never is.
  const cleanLatin = table === CP1252 && scan.facts[CP1252.id].cleanEvidence > 0;
  // A "�" after the lead is no kept byte: it would make a bidi control (U+202E).
  const next = mask[i + 1] || chars[i + 1] === '\uFFFD' ? undefined : chars[i + 1];
  const byte = byteOf(table, next, false);
  if (byte !== undefined && byte >= 0x80 && byte <= 0xbf) {
    // A complete sequence that was kept as clean text is not a fragment.
    if (!mask[i + 2] && isContinuation(table, chars[i + 2])) return null;
    if (table === GREEK && (originalGreek(scan, i - 1) || originalGreek(scan, i + 2))) return null;
    if (table === CP1252 && byte === 0x80) {
      // "â€": the last byte of "’", "”" or "‐" lost.
      const replacement = lostPunctuation(scan, i, 2, 'cp1252-euro');
      return replacement === null ? null : { length: 2, replacement, reason, table };
    }
    // The middle byte lost, the last kept. Where the kept byte is 0x80–0x9F, the line lost only
    // the bytes Windows-1252 leaves undefined, and of those only 0x81 makes punctuation:
    // U+2040–U+205F ("â‚" → "⁂").
    if (cleanLatin) return null;
    if (byte < 0xa0) {
      // "â" and a quote or a dash may be clean ("“â”"), unless the line is mojibake.
      if (table !== CP1252 || (AFTER_WORD.has(next!) && !through(scan, CP1252))) return null;
      return { length: 2, replacement: String.fromCharCode(0x2040 + byte - 0x80), reason, table };
    }
    // Else the byte lost is 0x80: U+2020–U+203F ("β¦" → "…"), "™" after a word.
    if (byte === 0xa2 && isLetter(scan.out[scan.out.length - 1]))
      return { length: 2, replacement: '™', reason, table };
    const cp = 0x2000 + byte - 0x80;
    if (cp >= 0x2028 && cp <= 0x202e) return null; // separators and bidi controls: not text
    return { length: 2, replacement: String.fromCharCode(cp), reason, table };
  }
  if (next !== undefined && isContinuation(table, next)) return null;
  const replacement = lostPunctuation(scan, i, 1, table === GREEK ? 'greek' : 'cp1252');
  return replacement === null ? null : { length: 1, replacement, reason, table };
}

/**
 * What is left of an emoji: "π" (ISO-8859-7) with at most two of its bytes, standing alone, or
 * "ðŸ" (Windows-1252). Alone without leftovers "π" is only read as an emoji at the start of a
 * line before a capital ("π Main Cast"), never in "π is irrational" or "πολύ".
 */
function emojiFix(scan: Scan, i: number): Fix | null {
  const { chars, mask } = scan;
  let end = i + 1;
  if (chars[i] === 'π') {
    if (i > 0 && !isSpace(chars[i - 1])) return null;
    while (end < i + 3 && !mask[end] && isContinuation(GREEK, chars[end])) end++;
    if (end < chars.length && !isSpace(chars[end])) return null;
    if (end === i + 1) {
      if (i !== scan.contentStart && i !== scan.afterMarker) return null;
      const next = chars[neighbour(chars, end, 1)];
      if (next === undefined || !/[\p{Lu}\d“"‘'(]/u.test(next)) return null;
    }
  } else if (chars[i] === 'ð' && chars[i + 1] === 'Ÿ' && !mask[i + 1]) {
    end = i + 2;
    while (end < i + 4 && !mask[end] && isContinuation(CP1252, chars[end])) end++;
    if (chars[end] === '\uFFFD') end++;
  } else return null;
  while (chars[end] === ' ' || chars[end] === '\t') end++;
  return { length: end - i, replacement: '', reason: 'emoji-lost' };
}

/**
 * "Ã" and "Â" before a space: "à" ("dÃ©jÃ vu") and a no-break space ("10Â km") whose byte
 * 0xA0 became a space. Capital "Ã" and "Â" are also letters, and "Ã" is "À" to "ß" with its
 * second byte lost, so only the telltale shapes are read without other mojibake in the line:
 * "Ã" and two spaces, "Â" after a digit.
 */
function noBreakSpaceFix(scan: Scan, i: number): Fix | null {
  const { chars } = scan;
  if (chars[i + 1] !== ' ') return null;
  const left = chars[i - 1];
  // Other mojibake in the line says it went through Windows-1252; and where a no-break space
  // was kept ("Ã\u00a0" decoded to "à"), the line did not lose them.
  scan.keptNoBreakSpace ??= chars.some(
    (char, k) => scan.mask[k] === CP1252.id && (char === '\u00a0' || char === 'à'),
  );
  const evidence = through(scan, CP1252) && !scan.keptNoBreakSpace;
  if (chars[i] === 'Ã') {
    if (left !== undefined && !isSpace(left) && !isLower(left)) return null;
    const twoSpaces = chars[i + 2] === ' ';
    if (!twoSpaces && !evidence) return null;
    return { length: twoSpaces ? 2 : 1, replacement: 'à', reason: 'cp1252-lost', table: CP1252 };
  }
  if (chars[i] === 'Â' && !isUpper(left) && (isDigit(left) || evidence))
    return { length: 1, replacement: '', reason: 'cp1252-lost', table: CP1252 };
  return null;
}

/** Where a line's content starts: after its indent, and after a heading or list marker. */
function contentStarts(chars: readonly string[]): [number, number] {
  let i = 0;
  while (i < chars.length && isSpace(chars[i])) i++;
  const start = i;
  let k = i;
  while (k < chars.length && k - start < 6 && chars[k] === '#') k++;
  if (k === start && '-*+•'.includes(chars[k] ?? 'x')) k++;
  if (k === start) {
    while (k < chars.length && k - start < 3 && isDigit(chars[k])) k++;
    k = k > start && (chars[k] === '.' || chars[k] === ')') ? k + 1 : start;
  }
  if (k === start) return [start, start];
  while (k < chars.length && isSpace(chars[k])) k++;
  return [start, k];
}

/**
 * Reads the fragments of lost bytes in a decoded line; adds what it changed, and what it
 * suspects, to `notes`. `decorated`: the line lost an emoji at its start (a heading's).
 */
export function repairLostBytes(
  decoded: Pick<Decoded, 'chars' | 'mask'>,
  facts: LineFacts,
  notes: Note[],
): { text: string; decorated: boolean } | null {
  const { chars, mask } = decoded;
  // Most lines hold no fragment at all: nothing to read.
  if (!chars.some((char, i) => !mask[i] && (STARTS.has(char) || loneLead(chars, mask, i))))
    return null;
  const [contentStart, afterMarker] = contentStarts(chars);
  const scan: Scan = {
    chars,
    mask,
    facts,
    out: [],
    quoteOpen: false,
    contentStart,
    afterMarker,
    keptNoBreakSpace: null,
    readUpTo: 0,
    leads: [],
    brokenBy: (table) => brokenBy(scan, table),
    lost: { 1: false, 2: false },
    found: { 1: false, 2: false },
  };
  const first = readLine(scan);
  // Bytes found lost say the line lost them: read it again knowing it (once: a second reading
  // knows all a third would).
  const reading =
    (!scan.found[1] && !scan.found[2]) || first.unread === 0 ? first : readLine(again(scan));
  for (const note of reading.notes) notes.push(note);
  // Nothing read: the line as it is.
  return reading.notes.length === 0 ? null : reading;
}

/** The line to read again, knowing what the first reading found lost. */
function again(scan: Scan): Scan {
  const next: Scan = {
    ...scan,
    out: [],
    quoteOpen: false,
    readUpTo: 0,
    leads: [],
    lost: { ...scan.found },
    found: { 1: false, 2: false },
    brokenBy: (table) => brokenBy(next, table),
  };
  return next;
}

/** The characters a fragment other than a lone lead starts with. */
const STARTS = new Set('âβπðÃÂ');

/** How many changes in a line are reported with the words around them. */
const NOTES_IN_CONTEXT = 200;

/** Characters a reading may leave that a reading knowing of lost bytes reads differently. */
const UNREAD = new Set('âβÃÂ');

/** One reading of a line, left to right. */
function readLine(scan: Scan): {
  text: string;
  decorated: boolean;
  notes: Note[];
  /** Fragments and leads left as they were. */
  unread: number;
} {
  const { chars, mask, contentStart } = scan;
  const notes: Note[] = [];
  let decorated = false;
  const emit = (char: string) => {
    const previous = scan.out[scan.out.length - 1];
    if (char === '“') scan.quoteOpen = true;
    else if (char === '”') scan.quoteOpen = false;
    else if (char === '"')
      scan.quoteOpen = previous === undefined || isSpace(previous) || OPENERS.has(previous);
    scan.out.push(char);
  };
  // The words around each change make its warning; past a few hundred in a line (a hostile
  // one) the change alone does, so that a line of a million fragments takes no longer to read.
  const note = (start: number, end: number, replacement: string, reason: Reason) =>
    notes.push(
      notes.length < NOTES_IN_CONTEXT
        ? { ...context(chars, start, end, replacement), reason }
        : { before: chars.slice(start, end).join(''), after: replacement, reason },
    );
  let unread = 0;
  let i = 0;
  while (i < chars.length) {
    const char = chars[i]!;
    // Every fragment starts beyond ASCII.
    const fix =
      mask[i] || char.charCodeAt(0) < 0x80
        ? null
        : (punctuationFix(scan, i) ??
          emojiFix(scan, i) ??
          noBreakSpaceFix(scan, i) ??
          leadFix(scan, i));
    if (fix && 'suspect' in fix) {
      note(i, i + 1, char, 'suspect');
    } else if (fix) {
      note(i, i + fix.length, fix.replacement, fix.reason);
      if (fix.table) scan.found[fix.table.id] = true;
      if (fix.reason === 'emoji-lost' && i === contentStart) decorated = true;
      for (const replaced of fix.replacement) emit(replaced);
      i += fix.length;
      scan.readUpTo = i;
      continue;
    }
    if (!mask[i] && (UNREAD.has(char) || loneLead(chars, mask, i))) unread++;
    emit(char);
    i++;
  }
  return { text: scan.out.join(''), decorated, notes, unread };
}
