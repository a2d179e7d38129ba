import { repairText } from '../../lib/import/repair';

// The cases of tests/import/repair-property.test.ts: the accidents the importer's encoding repair
// (lib/import/repair.ts) undoes, built from the WHATWG decoders rather than from the repair's
// own tables; the characters and sentences they are tried on; and the checks of a repair.

/** A single-byte code page: what each byte decodes to. */
type CodePage = readonly string[];

function codePage(decode: (byte: number) => string): CodePage {
  return Array.from({ length: 256 }, (_, byte) => decode(byte));
}

/**
 * WHATWG windows-1252, whose 0x81, 0x8D, 0x8F, 0x90 and 0x9D decode to C1 control characters.
 * Written out: Node 20.18.3 and later decode TextDecoder('windows-1252') as Latin-1
 * (nodejs/node#60888).
 */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const WINDOWS_1252 = codePage((byte) =>
  byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_80_9F[byte - 0x80]! : String.fromCharCode(byte),
);
/** ISO-8859-1 proper (TextDecoder's "latin1" is windows-1252): 0x80–0x9F are C1 controls. */
const LATIN_1 = codePage((byte) => String.fromCharCode(byte));
/** ISO-8859-7: C1 controls for 0x80–0x9F, "�" for the bytes it leaves undefined (0xAE, 0xD2, 0xFF). */
const ISO_8859_7 = codePage((byte) => new TextDecoder('iso-8859-7').decode(Uint8Array.of(byte)));

export const CODE_PAGES = {
  'windows-1252': WINDOWS_1252,
  latin1: LATIN_1,
  'iso-8859-7': ISO_8859_7,
};
type CodePageName = keyof typeof CODE_PAGES;

const isC1Byte = (byte: number) => byte >= 0x80 && byte <= 0x9f;
const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];

export type Accident = {
  name: string;
  /** The code page the bytes were read through, or null for double encoding. */
  page: CodePageName | null;
  /** Breaks a text; `lost` says whether information was lost (dropped bytes, "�"). */
  apply: (text: string) => { text: string; lost: boolean };
};

function misread(name: CodePageName, drop: (byte: number) => boolean): Accident['apply'] {
  const page = CODE_PAGES[name];
  return (text) => {
    const bytes = utf8(text);
    const kept = bytes.filter((byte) => !drop(byte));
    const broken = kept.map((byte) => page[byte]).join('');
    const replaced = [...broken].filter((char) => char === '\uFFFD').length;
    const already = [...text].filter((char) => char === '\uFFFD').length;
    return { text: broken, lost: kept.length < bytes.length || replaced > already };
  };
}

const never = () => false;
/** The bytes windows-1252 leaves undefined, which come out as C1 controls and get stripped. */
const undefinedIn1252 = (byte: number) =>
  isC1Byte(byte) && WINDOWS_1252[byte]!.charCodeAt(0) < 0xa0;

export const ACCIDENTS: readonly Accident[] = [
  {
    name: 'UTF-8 read as windows-1252',
    page: 'windows-1252',
    apply: misread('windows-1252', never),
  },
  {
    name: 'UTF-8 read as windows-1252, its undefined bytes dropped',
    page: 'windows-1252',
    apply: misread('windows-1252', undefinedIn1252),
  },
  { name: 'UTF-8 read as ISO-8859-1', page: 'latin1', apply: misread('latin1', never) },
  {
    // The same text as windows-1252 with 0x80–0x9F dropped: the code pages agree on 0xA0–0xFF.
    name: 'UTF-8 read as ISO-8859-1 (or windows-1252), bytes 0x80–0x9F dropped',
    page: 'latin1',
    apply: misread('latin1', isC1Byte),
  },
  { name: 'UTF-8 read as ISO-8859-7', page: 'iso-8859-7', apply: misread('iso-8859-7', never) },
  {
    name: 'UTF-8 read as ISO-8859-7, bytes 0x80–0x9F dropped',
    page: 'iso-8859-7',
    apply: misread('iso-8859-7', isC1Byte),
  },
  {
    name: 'UTF-8 read as windows-1252, encoded as UTF-8 again and read as windows-1252',
    page: null,
    apply: (text) => {
      const once = misread('windows-1252', never);
      return { text: once(once(text).text).text, lost: false };
    },
  },
];

/**
 * Whether `broken` is what `candidate` becomes when its UTF-8 bytes are read through `page`
 * with any of the bytes 0x80–0x9F lost, or the byte 0xA0 of a no-break space turned into a
 * space or lost (the repair reads "dÃ©jÃ vu" as "déjà vu": the other accident that loses a byte
 * of these code pages). A "�" in the candidate stands for a character the repair could not
 * restore: it matches what is left of one character (one to three characters beyond ASCII).
 * Linear in the product of the lengths; the texts are a sentence long.
 */
export function couldHaveBecome(candidate: string, broken: string, page: CodePageName): boolean {
  const table = CODE_PAGES[page];
  const target = [...broken];
  const lostMark = (char: string | undefined) =>
    char !== undefined && char.charCodeAt(0) >= 0x80 && !/\s/u.test(char);
  let reachable = new Set([0]);
  for (const char of candidate) {
    const next = new Set<number>();
    if (char === '\uFFFD') {
      for (const at of reachable) {
        for (let taken = 1; taken <= 3 && lostMark(target[at + taken - 1]); taken++)
          next.add(at + taken);
      }
    } else {
      let positions = reachable;
      for (const byte of utf8(char)) {
        const after = new Set<number>();
        for (const at of positions) {
          if (table[byte] === target[at]) after.add(at + 1);
          // A lost byte; or a no-break space's 0xA0 turned into a space, or lost with it.
          if (isC1Byte(byte) || byte === 0xa0) after.add(at);
          if (byte === 0xa0 && target[at] === ' ') after.add(at + 1);
        }
        positions = after;
      }
      for (const at of positions) next.add(at);
    }
    reachable = next;
    if (reachable.size === 0) return false;
  }
  return reachable.has(target.length);
}

/**
 * Whether a lost-byte accident through any of the code pages could turn `candidate` into `text`,
 * word by word: a line may have been broken in part (the sample article keeps some curly quotes
 * beside the ones it lost), so each word the repair changed is checked on its own.
 */
export function couldBeLostBytesOf(text: string, candidate: string): boolean {
  const pages = Object.keys(CODE_PAGES) as CodePageName[];
  const whole = (from: string, to: string) => pages.some((page) => couldHaveBecome(to, from, page));
  if (whole(text, candidate)) return true;
  const words = text.split(' ');
  const readings = candidate.split(' ');
  return (
    words.length === readings.length &&
    words.every((word, i) => word === readings[i] || whole(word, readings[i]!))
  );
}

/** The characters the property covers, with the reason for each range. */
export function testedCharacters(): string[] {
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
  return [
    // Latin-1 Supplement and Latin Extended-A and -B.
    ...range(0xa0, 0x24f),
    // Greek and Coptic: its assigned characters (the block has holes).
    ...range(0x370, 0x3ff).filter((char) => /\p{Assigned}/u.test(char)),
    ...range(0x400, 0x4ff),
    // General punctuation from the hyphen to the fraction slash, without the line and paragraph
    // separators and bidirectional controls (U+2028–U+202E), which are not punctuation.
    ...range(0x2010, 0x2044).filter((char) => /[\p{P}\p{S}\p{Zs}]/u.test(char)),
  ];
}

export const CHARACTERS = testedCharacters();

export type Script = 'latin' | 'greek' | 'cyrillic';
/** The words a character is put in are of its block's script: Coptic letters go in Greek ones. */
export const scriptOf = (char: string): Script => {
  const cp = char.codePointAt(0)!;
  return cp >= 0x370 && cp < 0x400 ? 'greek' : cp >= 0x400 && cp < 0x500 ? 'cyrillic' : 'latin';
};

/** Words a character is put in: of its own script, lower case and capitals. */
export const WORDS: Record<Script, readonly string[]> = {
  latin: ['artists', 'SEOUL'],
  greek: ['λόγος', 'ΑΘΗΝΑ'],
  cyrillic: ['слово', 'МОСКВА'],
};

export type Kind = 'alone' | 'initial' | 'medial' | 'final';

/** Where a character sits in a word: a combining mark only after a letter. */
export const kindsOf = (char: string): readonly Kind[] =>
  /\p{M}/u.test(char) ? ['medial', 'final'] : ['alone', 'initial', 'medial', 'final'];

export function token(char: string, kind: Kind, word: string): string {
  switch (kind) {
    case 'alone':
      return char;
    case 'initial':
      return char + word;
    case 'medial':
      return word.slice(0, 3) + char + word.slice(3);
    case 'final':
      return word + char;
  }
}

/** Every token the clean sentences hold, by kind: a broken token equal to one is clean text. */
const CLEAN_TOKENS = new Map<Kind, Set<string>>(
  (['alone', 'initial', 'medial', 'final'] as const).map((kind) => [
    kind,
    new Set(
      CHARACTERS.filter((char) => kindsOf(char).includes(kind)).flatMap((char) =>
        WORDS[scriptOf(char)].map((word) => token(char, kind, word)),
      ),
    ),
  ]),
);

export type Slot = { char: string; kind: Kind; word: string };

/** A sentence: text with characters in slots; `parts` alternates text and slots. */
export type Sentence = { parts: Array<string | Slot> };

export const render = (sentence: Sentence, breakText: (text: string) => string = (text) => text) =>
  sentence.parts
    .map((part) =>
      breakText(typeof part === 'string' ? part : token(part.char, part.kind, part.word)),
    )
    .join('');

/** Whether a broken sentence is itself one of the clean sentences (which must pass unchanged). */
function isCleanSentence(sentence: Sentence, accident: Accident): boolean {
  return sentence.parts.every((part) => {
    if (typeof part === 'string') return accident.apply(part).text === part;
    const broken = accident.apply(token(part.char, part.kind, part.word)).text;
    return CLEAN_TOKENS.get(part.kind)!.has(broken);
  });
}

const show = (text: string) =>
  JSON.stringify(text).replace(
    /[\u0080-\u009f\u00a0\u00ad\u200b-\u200f\u2028-\u202f]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** The repair of a whole text, line by line: the repair reads each line on its own. */
function repairLines(text: string): Array<{ text: string; warnings: string[] }> {
  const result = repairText(text);
  return result.text.split('\n').map((line, i) => ({
    text: line,
    warnings: result.warnings.filter((w) => w.where === `line ${i + 1}`).map((w) => w.what),
  }));
}

/** Whether `after` is `before` without one run of one to three characters beyond ASCII. */
function droppedOnce(before: string, after: string): boolean {
  let prefix = 0;
  while (prefix < after.length && before[prefix] === after[prefix]) prefix++;
  const removed = before.slice(prefix, prefix + before.length - after.length);
  return (
    before.slice(prefix + removed.length) === after.slice(prefix) &&
    /^[^\u0000-\u007f\s]{1,3}[ \t]*$/u.test(removed)
  );
}

/** A sentence's lines, as sentences. */
function linesOf(sentence: Sentence): Sentence[] {
  const lines: Sentence[] = [{ parts: [] }];
  for (const part of sentence.parts) {
    if (part === '\n') lines.push({ parts: [] });
    else lines[lines.length - 1]!.parts.push(part);
  }
  return lines;
}

const describeLine = (line: { text: string; warnings: string[] }) =>
  `${show(line.text)}${line.warnings.length ? ` (warned: ${line.warnings.join('; ')})` : ' (no warning)'}`;

/** What is wrong with the repair of a clean sentence, or null when nothing is. */
export function checkClean(sentence: Sentence): string | null {
  const repaired = repairLines(render(sentence));
  const failures = linesOf(sentence).flatMap((line, i) => {
    const original = render(line);
    const result = repaired[i]!;
    if (result.text === original && result.warnings.length === 0) return [];
    // The one exception: clean text that is exactly what a lost-byte accident leaves of another
    // text ("the artistsâ flat" is also "the artists’ flat" with its bytes 0x80 and 0x99 lost,
    // "terrain β including" is "terrain — including"). The repair may read it as that text, and
    // then says so.
    if (
      result.text !== original &&
      result.warnings.length > 0 &&
      couldBeLostBytesOf(original, result.text)
    )
      return [];
    // And what the repair drops as the remains of an emoji ("π Main Cast" in the sample article
    // is a heading's decoration; so may "π The film" be), saying so.
    if (result.warnings.some((w) => w.startsWith('Dropped:')) && droppedOnce(original, result.text))
      return [];
    return [`clean ${show(original)} → ${describeLine(result)}`];
  });
  return failures.length ? failures.join('\n') : null;
}

/** What is wrong with the repair of a broken sentence, or null when nothing is. */
export function checkBroken(sentence: Sentence, accident: Accident): string | null {
  const repaired = repairLines(accident.apply(render(sentence)).text);
  const failures = linesOf(sentence).flatMap((line, i) => {
    const original = render(line);
    const broken = accident.apply(original);
    const result = repaired[i]!;
    if (result.text === original) return [];
    if (broken.lost && accident.page && result.warnings.length > 0) {
      // Bytes were lost: another reading the accident could have broken the same way, flagged.
      if (result.text === broken.text || couldHaveBecome(result.text, broken.text, accident.page))
        return [];
    }
    // A broken text that is also a clean one is left as it is, as the clean one must be.
    if (
      result.text === broken.text &&
      result.warnings.length === 0 &&
      isCleanSentence(line, accident)
    )
      return [];
    return [
      `${accident.name}: ${show(original)} broken as ${show(broken.text)} → ${describeLine(result)}`,
    ];
  });
  return failures.length ? failures.join('\n') : null;
}

/** The sentences each character is tried in: mid-sentence, at each end of a line, mixed. */
export function sentencesFor(char: string): Sentence[] {
  const native: Record<Script, [string, string]> = {
    latin: ['Le film ', ' est déjà vu.'],
    greek: ['Η ταινία ', ' είναι καλή.'],
    cyrillic: ['Фильм ', ' очень хороший.'],
  };
  const frames: Array<[string, string]> = [
    ['The ', ' was here.'],
    ['', ' starts the line.'],
    ['It ends with ', ''],
    ['Zürich, Москва и Αθήνα — “', '” ends.'],
    native[scriptOf(char)],
  ];
  const [word] = WORDS[scriptOf(char)];
  return kindsOf(char).flatMap((kind) =>
    frames.map(([before, after]) => ({ parts: [before, { char, kind, word: word! }, after] })),
  );
}
