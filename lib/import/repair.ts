import iconv from 'iconv-lite';
import type { ImportWarning } from './types';

// Repairs text that went through a wrong code page ("mojibake"), one line at a time, and says
// what it changed. Three accidents are undone:
//
// - UTF-8 read as Windows-1252 (or Latin-1): "â€™" → "’", "Ã©" → "é", "ðŸŽ¬" → "🎬", and the
//   same encoded twice ("Ã¢â‚¬â„¢" → "’").
// - UTF-8 read as Greek ISO-8859-7: "Ξ±" → "α", "Γ©" → "é".
// - UTF-8 read as ISO-8859-7 with the C1 bytes (0x80–0x9F) dropped, as in the sample article.
//   The lost bytes cannot be recovered, so the most plausible character is read from context:
//   a "β" (the lead byte of U+2000–U+203F) between two Latin letters was "’", a spaced one "—",
//   one opening or closing a word a double quote; "π" (the lead byte of an emoji) with at most
//   two leftover bytes was an emoji, and is dropped.
//
// The code page tables come from iconv-lite. A run of characters is only decoded when, read
// back as bytes, it is well-formed UTF-8 that decodes to plausible text, so clean text (Greek,
// Korean, Chinese, accented Latin, curly quotes) passes through unchanged: each rule below
// names what it must not touch.

type Reason = 'cp1252' | 'double' | 'greek' | 'greek-lost' | 'cp1252-lost' | 'emoji-lost';

const REASONS: Record<Reason, string> = {
  cp1252: 'UTF-8 read as Windows-1252',
  double: 'UTF-8 encoded twice',
  greek: 'UTF-8 read as Greek ISO-8859-7',
  'greek-lost': 'UTF-8 read as Greek ISO-8859-7 with bytes lost, restored from context',
  'cp1252-lost': 'UTF-8 read as Windows-1252 with a byte lost, restored from context',
  'emoji-lost': 'what was left of an emoji',
};

type Table = { toByte: ReadonlyMap<string, number>; reason: Reason; greek: boolean };

/** Character → byte for the upper half of a code page, from iconv-lite's table. */
function upperHalf(encoding: 'windows-1252' | 'iso-8859-7'): Map<string, number> {
  const decoded = iconv.decode(
    Buffer.from(Array.from({ length: 0x80 }, (_, i) => 0x80 + i)),
    encoding,
  );
  const toByte = new Map<string, number>();
  [...decoded].forEach((char, i) => {
    if (char !== '\uFFFD') toByte.set(char, 0x80 + i);
  });
  // A C1 control character stands for its own byte: sloppy decoders keep the bytes a code page
  // leaves undefined (0x81, 0x8D, 0x8F, 0x90 and 0x9D in Windows-1252).
  for (let byte = 0x80; byte < 0xa0; byte++) {
    const char = String.fromCharCode(byte);
    if (!toByte.has(char)) toByte.set(char, byte);
  }
  return toByte;
}

const CP1252: Table = { toByte: upperHalf('windows-1252'), reason: 'cp1252', greek: false };
const GREEK: Table = { toByte: upperHalf('iso-8859-7'), reason: 'greek', greek: true };

/** The characters ISO-8859-7 gives bytes 0xA0–0xBF: what survives of a continuation byte. */
const GREEK_CONTINUATIONS = [...GREEK.toByte].filter(([, byte]) => byte >= 0xa0 && byte <= 0xbf);
const GREEK_CONTINUATION_CLASS = GREEK_CONTINUATIONS.map(([char]) =>
  char.replace(/[\\\]^-]/g, '\\$&'),
).join('');
const greekByte = (char: string) => GREEK.toByte.get(char);

/** Continuation characters of Windows-1252 (bytes 0x80–0xBF). */
const CP1252_CONTINUATION_CLASS = [...CP1252.toByte]
  .filter(([, byte]) => byte >= 0x80 && byte <= 0xbf)
  .map(([char]) => char.replace(/[\\\]^-]/g, '\\$&'))
  .join('');

/**
 * Punctuation that often follows a word in clean text. A lone two- or three-character
 * "sequence" that is a letter ending a word followed only by these ("tué…”", "NOËL”") is left
 * alone, however it would decode.
 */
const CLEAN_PUNCTUATION = new Set('’‘”“…–—«»·•‹›¡¿― \u00a0΄΅');

/** 'c1': a control character, plausible only as the middle step of double encoding. */
type Kind = 'latin' | 'symbol' | 'wide' | 'script' | 'c1';

/** What kind of character a decoded code point is, or null when it is implausible in text. */
function classify(cp: number, previous: string | undefined): Kind | null {
  if (cp >= 0x80 && cp < 0xa0) return 'c1';
  if (cp < 0xa0) return null;
  if (cp <= 0x24f) return 'latin';
  if (cp < 0x300) return null; // IPA and spacing modifiers: what clean text decodes to by chance
  if (cp < 0x370) return previous && /[A-Za-z]/.test(previous) ? 'latin' : null; // combining
  if (cp < 0x386) return null;
  if (cp < 0x530) return 'script'; // Greek, Cyrillic
  if (cp < 0x590) return cp >= 0x531 ? 'script' : null; // Armenian
  if (cp < 0x600) return cp >= 0x5d0 && cp <= 0x5f4 ? 'script' : null; // Hebrew letters
  if (cp < 0x700) return 'script'; // Arabic
  if (cp < 0x900) return null;
  if (cp < 0x1e00) return 'script'; // Indic, Thai, Georgian, Hangul jamo …: words of several letters
  if (cp < 0x1f00) return 'latin'; // Latin Extended Additional (Vietnamese)
  if (cp < 0x2000) return 'script'; // Greek Extended
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return null; // bidi
  if (cp < 0x2c00) return 'symbol'; // punctuation, currency, letterlike, arrows, shapes, dingbats
  if (cp < 0x2e00) return null;
  if (cp < 0x2e80) return 'symbol';
  if (cp < 0xa000) return 'wide'; // CJK, kana, Hangul compatibility jamo
  if (cp >= 0xa960 && cp <= 0xa97f) return 'wide';
  if (cp < 0xac00) return null;
  if (cp < 0xd800) return 'wide'; // Hangul syllables
  if (cp < 0xf900) return null; // surrogates, private use
  if (cp < 0xfb00) return 'wide';
  if (cp < 0xfb07) return 'latin'; // ligatures
  if (cp < 0xfe00) return 'script';
  if (cp < 0xfe10) return 'symbol'; // variation selectors (emoji)
  if (cp < 0xfe30) return null;
  if (cp < 0xfe50) return 'wide';
  if (cp < 0xfe70) return 'symbol';
  if (cp < 0xfeff) return 'script';
  if (cp === 0xfeff) return 'symbol';
  if (cp < 0xfff0) return 'wide'; // fullwidth forms
  if (cp < 0x10000) return null;
  if (cp >= 0x1f000 && cp < 0x1fc00) return 'symbol'; // emoji
  if (cp >= 0x20000 && cp < 0x31350) return 'wide';
  if (cp >= 0xe0000 && cp < 0xe0080) return 'symbol'; // emoji tags
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

type Sequence = { source: string[]; decoded: string; kind: Kind | null };

/** The well-formed UTF-8 sequence that the characters at `i` spell in a code page, if any. */
function sequenceAt(chars: string[], i: number, table: Table): Sequence | null {
  const lead = table.toByte.get(chars[i]!);
  if (lead === undefined) return null;
  const length =
    lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 ? 4 : 0;
  if (length === 0 || lead > 0xf4 || i + length > chars.length) return null;
  const bytes = [lead];
  for (let k = 1; k < length; k++) {
    const byte = table.toByte.get(chars[i + k]!);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return null;
    bytes.push(byte);
  }
  let decoded: string;
  try {
    decoded = utf8.decode(Uint8Array.from(bytes));
  } catch {
    return null; // overlong, surrogate or beyond U+10FFFF
  }
  return {
    source: chars.slice(i, i + length),
    decoded,
    kind: classify(decoded.codePointAt(0)!, chars[i - 1]),
  };
}

const isLetter = (char: string | undefined) => char !== undefined && /\p{L}/u.test(char);

/** Whether a run of consecutive sequences is mojibake rather than clean text. */
function isMojibake(run: Sequence[], table: Table, before: string | undefined): boolean {
  if (run.some((sequence) => sequence.kind === null)) return false;
  // Control characters only come out of text that was encoded twice: decodeRuns checks that.
  if (run.some((sequence) => sequence.kind === 'c1')) return table === CP1252;
  if (run.length === 1) {
    const [only] = run as [Sequence];
    // One letter of another script is more likely clean text than a word that was broken.
    if (only.kind === 'script') return false;
    // "Ã" and "Â" (read as Greek, "Γ" and "Β") start almost every broken Latin-1 letter and
    // almost no clean word.
    const commonLead =
      table === CP1252
        ? only.source[0] === 'Ã' || only.source[0] === 'Â'
        : only.source[0] === 'Γ' || only.source[0] === 'Β';
    if (
      !commonLead &&
      isLetter(before) &&
      only.source.slice(1).every((char) => CLEAN_PUNCTUATION.has(char))
    ) {
      return false;
    }
  }
  // Greek letters spelling a Greek word ("ΓΆΛΛΟ…") are Greek, whatever they would decode to.
  if (table.greek && run.every((sequence) => sequence.source.every((char) => isLetter(char)))) {
    return false;
  }
  return true;
}

type Note = { before: string; after: string; reason: Reason };

/** Decodes every mojibake run in a line through one code page table. */
function decodeRuns(line: string, table: Table, notes: Note[] | null): string {
  const chars = [...line];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const run: Sequence[] = [];
    let j = i;
    for (
      let sequence = sequenceAt(chars, j, table);
      sequence;
      sequence = sequenceAt(chars, j, table)
    ) {
      run.push(sequence);
      j += sequence.source.length;
    }
    if (run.length === 0 || !isMojibake(run, table, chars[i - 1])) {
      out += chars[i];
      i++;
      continue;
    }
    const source = run.map((sequence) => sequence.source.join('')).join('');
    let decoded = run.map((sequence) => sequence.decoded).join('');
    let reason = table.reason;
    // Encoded twice: what came out is itself mojibake of the same kind.
    if (table === CP1252) {
      const again = decodeRuns(decoded, CP1252, null);
      if (again !== decoded) {
        decoded = again;
        reason = 'double';
      }
    }
    if (/[\u0080-\u009f]/.test(decoded)) {
      // Control characters that did not decode further: not text.
      out += chars[i];
      i++;
      continue;
    }
    notes?.push({ before: source, after: decoded, reason });
    out += decoded;
    i = j;
  }
  return out;
}

/** The words around a change, before and after it, for the warning. */
function context(
  line: string,
  start: number,
  end: number,
  replacement: string,
): Pick<Note, 'before' | 'after'> {
  const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
  let left = start;
  while (left > 0 && !isSpace(line[left - 1]) && start - left < 24) left--;
  if (left === start) {
    // The change starts a word: show the word before it too.
    while (left > 0 && isSpace(line[left - 1])) left--;
    while (left > 0 && !isSpace(line[left - 1]) && start - left < 24) left--;
  }
  let right = end;
  while (right < line.length && !isSpace(line[right]) && right - end < 24) right++;
  if (right === end) {
    while (right < line.length && isSpace(line[right])) right++;
    while (right < line.length && !isSpace(line[right]) && right - end < 24) right++;
  }
  return {
    before: line.slice(left, right).trim(),
    after: (line.slice(left, start) + replacement + line.slice(end, right)).trim(),
  };
}

type Rule = {
  pattern: RegExp;
  reason: Reason;
  /** The replacement for a match, or null to leave it. */
  replace: (match: RegExpExecArray, line: string) => string | null;
};

const GREEK_LETTER = /\p{Script=Greek}/u;

/** The nearest character that is not a space, looking left (-1) or right (1). */
function neighbour(line: string, index: number, direction: -1 | 1): string | undefined {
  for (let i = index; i >= 0 && i < line.length; i += direction) {
    if (!/\s/.test(line[i]!)) return line[i];
  }
  return undefined;
}

/**
 * Rules for bytes that were lost. Each only fires between Latin-script neighbours (or at the
 * start of a line, for emoji), so "β" and "π" in Greek words are never touched.
 */
const LOST_BYTE_RULES: Rule[] = [
  // "β" with its middle byte lost and its last one kept: "β¦" → "…", "β’" → "•" (or "™" after a
  // letter).
  {
    pattern: new RegExp(`(?<!\\p{Script=Greek})β([${GREEK_CONTINUATION_CLASS}])`, 'gu'),
    reason: 'greek-lost',
    replace: (match, line) => {
      const next = line[match.index + match[0].length];
      if (next !== undefined && GREEK_LETTER.test(next)) return null;
      const byte = greekByte(match[1]!);
      if (byte === 0xa2 && isLetter(line[match.index - 1])) return '™';
      const punctuation: Record<number, string> = {
        0xa0: '†',
        0xa1: '‡',
        0xa2: '•',
        0xa6: '…',
        0xb0: '‰',
        0xb2: '′',
        0xb3: '″',
        0xb9: '‹',
        0xba: '›',
      };
      return byte === undefined ? null : (punctuation[byte] ?? null);
    },
  },
  // Between two Latin letters: an apostrophe ("Gyu-namβs" → "Gyu-nam’s").
  {
    pattern: /(?<=\p{Script=Latin})β(?=\p{Script=Latin})/gu,
    reason: 'greek-lost',
    replace: () => '’',
  },
  // Between digits: an en dash ("1990β2000").
  { pattern: /(?<=\d)β(?=\d)/gu, reason: 'greek-lost', replace: () => '–' },
  // Between spaces, in Latin text: a dash ("terrain β including" → "terrain — including").
  {
    pattern: /(?<=\s)β(?=\s)/gu,
    reason: 'greek-lost',
    replace: (match, line) => {
      const before = neighbour(line, match.index - 1, -1);
      const after = neighbour(line, match.index + 1, 1);
      if (before === undefined || after === undefined) return null;
      return GREEK_LETTER.test(before) || GREEK_LETTER.test(after) ? null : '—';
    },
  },
  // Opening a Latin word: a left double quote; closing one: a right double quote.
  {
    pattern: /(?<=^|[\s([])β(?=[\p{Script=Latin}\d])/gu,
    reason: 'greek-lost',
    replace: () => '“',
  },
  {
    pattern: /(?<=[\p{Script=Latin}\d.,!?;:)\]])β(?=$|[\s,.;:!?)\]])/gu,
    reason: 'greek-lost',
    replace: () => '”',
  },
  // "π" and at most two leftover bytes, standing alone: an emoji that was lost. Alone without
  // leftovers it is only read as an emoji at the start of a line before a capital ("π Main
  // Cast"), never in "π is irrational" or "πολύ".
  {
    pattern: new RegExp(`(?<=^|\\s)π([${GREEK_CONTINUATION_CLASS}]{0,2})(?=\\s|$)[ \\t]*`, 'gu'),
    reason: 'emoji-lost',
    replace: (match, line) => {
      if (match[1] === '') {
        // At the start of the line, or of a Markdown heading or list item ("## π Main Cast").
        const atStart = /^\s*(?:(?:#{1,6}|[-*+•]|\d{1,3}[.)])\s*)?$/.test(
          line.slice(0, match.index),
        );
        const next = line[match.index + match[0].length];
        if (!atStart || next === undefined || !/[\p{Lu}\d“"‘'(]/u.test(next)) return null;
      }
      return '';
    },
  },
  // "â€" whose last byte was lost after a word: 0x9D, the right double quote, is the byte
  // Windows-1252 leaves undefined and most often loses.
  {
    pattern: new RegExp(`(?<=\\S)â€(?![${CP1252_CONTINUATION_CLASS}])`, 'gu'),
    reason: 'cp1252-lost',
    replace: () => '”',
  },
  // What is left of an emoji read as Windows-1252 whose last byte was lost ("ðŸ‘").
  {
    pattern: new RegExp(`ðŸ[${CP1252_CONTINUATION_CLASS}]{0,2}\\uFFFD?[ \\t]*`, 'gu'),
    reason: 'emoji-lost',
    replace: () => '',
  },
  // "Ã" before a space, ending a lowercase word or standing alone, was "à" whose no-break space
  // (0xA0) became a space ("dÃ©jÃ vu" → "déjà vu", "Ã la carte"): clean text has capital Ã only
  // in words in capitals ("SÃO PAULO").
  {
    pattern: /(?<=^|[\s\p{Ll}])Ã ?(?= )/gu,
    reason: 'cp1252-lost',
    replace: () => 'à',
  },
  // "Â" before a space was the first byte of a no-break space ("10Â km").
  { pattern: /(?<![\p{Lu}])Â(?= )/gu, reason: 'cp1252-lost', replace: () => '' },
];

/** Applies a rule to a line; `atStart` tells whether it changed the line's first character. */
function applyRule(line: string, rule: Rule, notes: Note[]): { text: string; atStart: boolean } {
  // Most lines hold nothing a rule repairs. A test first, because matchAll copies the pattern on
  // every call, which on 500,000 short lines of "é" or "★" took seconds.
  rule.pattern.lastIndex = 0;
  const found = rule.pattern.test(line);
  rule.pattern.lastIndex = 0;
  if (!found) return { text: line, atStart: false };
  let out = '';
  let last = 0;
  let atStart = false;
  const first = line.length - line.trimStart().length;
  for (const match of line.matchAll(rule.pattern)) {
    const replacement = rule.replace(match, line);
    if (replacement === null) continue;
    const start = match.index;
    const end = start + match[0].length;
    notes.push({ ...context(line, start, end, replacement), reason: rule.reason });
    if (start === first) atStart = true;
    out += line.slice(last, start) + replacement;
    last = end;
  }
  return { text: last === 0 ? line : out + line.slice(last), atStart };
}

export type RepairResult = {
  text: string;
  warnings: ImportWarning[];
  /** 1-based numbers of the lines that lost an emoji at their start (a heading's decoration). */
  decoratedLines: Set<number>;
};

function describe(note: Note, count: number): string {
  const times = count > 1 ? `, ${count} times` : '';
  const verb = note.reason === 'emoji-lost' ? 'Dropped' : 'Repaired';
  return `${verb}: “${note.before}” → “${note.after}” (${REASONS[note.reason]}${times})`;
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** Repairs one line; returns it with what was changed. */
export function repairLine(line: string): { text: string; notes: Note[]; decorated: boolean } {
  // Every rule and every code-page sequence needs a character beyond ASCII, so an ASCII line is
  // clean as it is. Skipping it matters: the rules cost a dozen scans a line, which on 500,000
  // short lines (a <pre> of spaces and line breaks) took seconds.
  if (!NON_ASCII.test(line)) return { text: line, notes: [], decorated: false };
  const notes: Note[] = [];
  let text = decodeRuns(line, CP1252, notes);
  text = decodeRuns(text, GREEK, notes);
  let decorated = false;
  for (const rule of LOST_BYTE_RULES) {
    const applied = applyRule(text, rule, notes);
    if (applied.atStart && rule.reason === 'emoji-lost') decorated = true;
    text = applied.text;
  }
  // A byte order mark decoded from the middle of a file carries nothing.
  text = text.replace(/\uFEFF/g, '');
  return { text, notes, decorated };
}

/**
 * Repairs every line of a text, leaving clean lines exactly as they are. Warnings name each
 * change (grouped when the same change repeats on a line) and its line.
 */
export function repairText(input: string): RepairResult {
  const lines = input.split('\n');
  const warnings: ImportWarning[] = [];
  const decoratedLines = new Set<number>();
  const repaired = lines.map((line, index) => {
    const number = index + 1;
    const { text, notes, decorated } = repairLine(line);
    if (decorated) decoratedLines.add(number);
    const grouped = new Map<string, { note: Note; count: number }>();
    for (const note of notes) {
      const key = `${note.reason}\u0000${note.before}\u0000${note.after}`;
      const entry = grouped.get(key);
      if (entry) entry.count++;
      else grouped.set(key, { note, count: 1 });
    }
    for (const { note, count } of grouped.values())
      warnings.push({ what: describe(note, count), where: `line ${number}` });
    if (text.includes('\uFFFD')) {
      warnings.push({
        what: 'A character was already lost before the import (shown as “�”): check the original.',
        where: `line ${number}`,
      });
    }
    return text;
  });
  return { text: repaired.join('\n'), warnings, decoratedLines };
}
