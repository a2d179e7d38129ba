// What the encoding repair (lib/import/repair.ts) knows about characters: which ones are
// plausible in text, their script and case, and how implausible a stretch of text looks. The
// repair decodes a suspicious run only when the decoded text looks at least as plausible as the
// run did, so these are the measures that keep clean text clean.

/** 'c1': a control character, plausible only as the middle step of double encoding. */
export type Kind = 'latin' | 'symbol' | 'wide' | 'script' | 'c1';

const ASSIGNED = /\p{Assigned}/u;

/** What kind of character a decoded code point is, or null when it is implausible in text. */
export function classify(cp: number, previous: string | undefined): Kind | null {
  if (cp >= 0x80 && cp < 0xa0) return 'c1';
  if (cp < 0xa0) return null;
  if (cp <= 0x24f) return 'latin';
  // "ˆ" and "˜" are Windows-1252 characters: the middle step of text encoded twice has them.
  if (cp === 0x2c6 || cp === 0x2dc) return 'symbol';
  if (cp < 0x300) return null; // IPA and spacing modifiers: what clean text decodes to by chance
  if (cp < 0x370) return previous && /[A-Za-z]/.test(previous) ? 'latin' : null; // combining
  if (cp < 0x400) return ASSIGNED.test(String.fromCodePoint(cp)) ? 'script' : null; // Greek
  if (cp < 0x530) return 'script'; // Cyrillic
  if (cp < 0x590) return cp >= 0x531 ? 'script' : null; // Armenian
  if (cp < 0x600) return cp >= 0x5d0 && cp <= 0x5f4 ? 'script' : null; // Hebrew letters
  if (cp < 0x700) return 'script'; // Arabic
  if (cp < 0x900) return null;
  if (cp < 0x1e00) return 'script'; // Indic, Thai, Georgian, Hangul jamo …: words of several letters
  if (cp < 0x1f00) return 'latin'; // Latin Extended Additional (Vietnamese)
  if (cp < 0x2000) return 'script'; // Greek Extended
  if ((cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return null; // bidi
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

export type Script = 'latin' | 'greek' | 'cyrillic' | 'other';

const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const SPACE = /\s/;
const LATIN = /\p{Script=Latin}/u;
const GREEK = /[\p{Script=Greek}\p{Script=Coptic}]/u; // Coptic letters share the Greek block
const CYRILLIC = /\p{Script=Cyrillic}/u;
const COMMON = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** A symbol or a number beyond ASCII: "©", "¼", "€", "±". Punctuation ("…", "†") is not one. */
const SYMBOL = /[\p{S}\p{N}]/u;

type Facts = {
  letter: boolean;
  lower: boolean;
  upper: boolean;
  space: boolean;
  symbol: boolean;
  script: Script | null;
};

/**
 * What the repair asks of a character, worked out once per character: the repair asks it of
 * every character of a 2 MB article, and a Unicode property test each time took seconds.
 */
const FACTS: Array<Facts | undefined> = [];

function facts(char: string): Facts {
  // Characters beyond the Basic Multilingual Plane (two code units) are few: not kept.
  const code = char.length === 1 ? char.charCodeAt(0) : -1;
  let known = FACTS[code];
  if (known) return known;
  const letter = LETTER.test(char);
  known = {
    letter,
    lower: LOWER.test(char),
    upper: UPPER.test(char),
    space: SPACE.test(char),
    symbol: char.charCodeAt(0) >= 0x80 && SYMBOL.test(char),
    script: !letter
      ? null
      : LATIN.test(char)
        ? 'latin'
        : GREEK.test(char)
          ? 'greek'
          : CYRILLIC.test(char)
            ? 'cyrillic'
            : COMMON.test(char)
              ? null
              : 'other',
  };
  if (code >= 0) FACTS[code] = known;
  return known;
}

export const isLetter = (char: string | undefined): char is string =>
  char !== undefined && facts(char).letter;
export const isLower = (char: string | undefined) => char !== undefined && facts(char).lower;
export const isUpper = (char: string | undefined) => char !== undefined && facts(char).upper;
export const isDigit = (char: string | undefined) =>
  char !== undefined && char >= '0' && char <= '9';
export const isSpace = (char: string | undefined) => char !== undefined && facts(char).space;

/** The script of a letter (these are the ones mojibake mixes up), or null for other characters. */
export const scriptOf = (char: string | undefined): Script | null =>
  char === undefined ? null : facts(char).script;

/** Punctuation that often follows a word in clean text ("tué…”", "NOËL”", "it’s"). */
export const AFTER_WORD = new Set('’‘”“…–—«»·•‹›―\u00a0΄΅');
/** Punctuation that often opens a word in clean text. */
const BEFORE_WORD = new Set('“‘’«»‹›¿¡–—―·•\u00a0');

const isSymbol = (char: string | undefined): char is string =>
  char !== undefined && facts(char).symbol;

/**
 * How implausible a stretch of text looks, from its neighbouring pairs: letters of two scripts
 * in one word ("ZΓΌrich"), a capital after a small letter ("dÃ©jÃ"), a symbol glued to a
 * letter ("Ã©", "Ð¶"). Mojibake has many of these; the text it came from has none.
 */
export function implausibility(chars: ReadonlyArray<string | undefined>): number {
  let score = 0;
  // A C1 control character is no text: it stands for a byte of a code page that has none there.
  for (const char of chars) {
    const code = char?.charCodeAt(0) ?? 0;
    if (code >= 0x80 && code <= 0x9f) score += 4;
  }
  for (let k = 0; k + 1 < chars.length; k++) {
    const x = chars[k];
    const y = chars[k + 1];
    if (x === undefined || y === undefined) continue;
    const sx = scriptOf(x);
    const sy = scriptOf(y);
    if (sx && sy && sx !== sy) score += 2;
    if (sx && sy && isLower(x) && isUpper(y)) score += 1;
    if (sx && isSymbol(y) && !AFTER_WORD.has(y)) score += 1;
    if (sy && isSymbol(x) && !BEFORE_WORD.has(x)) score += 1;
  }
  return score;
}
