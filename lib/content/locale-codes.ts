// Countries and languages are stored as ISO codes ("KR", "ko") and shown by their English
// names. Editors may type either: "South Korea", "korea, south" is not guessed, but any
// unambiguous English name (or code, in any case) is read as its code; anything else gets the
// closest names as a hint. Intl.DisplayNames is only ever asked about well-formed codes: it
// throws a RangeError on anything else.

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Regions that are not countries one can credit a work to. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'XA', 'XB', 'QO', 'ZZ', 'AA']);

type Catalogue = { byCode: Map<string, string>; byName: Map<string, string> };

function catalogue(
  codes: string[],
  nameOf: (code: string) => string | undefined,
  isCanonical: (code: string) => boolean,
): Catalogue {
  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const code of codes) {
    const name = nameOf(code);
    if (!name || name === code) continue;
    byCode.set(code, name);
    // A name is typed for the current code ("Germany" is DE, not the old DD; "UK" is GB's alias).
    if (isCanonical(code)) byName.set(normalise(name), code);
  }
  return { byCode, byName };
}

const canonicalRegion = (code: string) =>
  Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
const canonicalLanguage = (code: string) => Intl.getCanonicalLocales(code)[0] === code;

function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const pairs = (alphabet: string) => [...alphabet].flatMap((a) => [...alphabet].map((b) => a + b));

let countries: Catalogue | null = null;
let languages: Catalogue | null = null;

function countryCatalogue(): Catalogue {
  countries ??= catalogue(
    pairs(LETTERS).filter((code) => !NOT_COUNTRIES.has(code)),
    (code) => regionNames.of(code),
    canonicalRegion,
  );
  return countries;
}

function languageCatalogue(): Catalogue {
  languages ??= catalogue(
    pairs(LETTERS.toLowerCase()),
    (code) => languageNames.of(code),
    canonicalLanguage,
  );
  return languages;
}

export type CodeLookup = { code: string } | { error: string; typed: string; hints: string[] };

const MAX_INPUT = 80;

function lookup(
  input: string,
  { byCode, byName }: Catalogue,
  kind: 'country' | 'language',
  toCode: (text: string) => string,
  extraCode?: (code: string) => boolean,
): CodeLookup {
  const text = input.trim();
  if (text === '') return { error: `Enter a ${kind}.`, typed: '', hints: [] };
  if (text.length > MAX_INPUT)
    return {
      error: `A ${kind} is at most ${MAX_INPUT} characters; this is ${text.length}.`,
      typed: `${text.slice(0, 20)}…`,
      hints: [],
    };
  const asCode = toCode(text);
  // A code is kept as typed, even an old one ("DD"); only names are mapped.
  if (byCode.has(asCode) || extraCode?.(asCode)) return { code: asCode };
  const named = byName.get(normalise(text));
  if (named) return { code: named };
  const hint = closestNames(text, byName);
  const example = kind === 'country' ? 'South Korea or KR' : 'Korean or ko';
  return {
    error:
      `“${text}” is not a ${kind} we know (type a name or code such as ${example}).` +
      (hint.length > 0 ? ` Did you mean ${hint.join(', ')}?` : ''),
    typed: text,
    hints: hint,
  };
}

/**
 * A list of countries or languages as codes, or one message that names every entry not known
 * (with the closest names for each), so a list with several mistakes is corrected in one go.
 */
export function codesOf(
  inputs: readonly string[],
  kind: 'country' | 'language',
): { codes: string[] } | { error: string } {
  const found = inputs.map(kind === 'country' ? countryCode : languageCode);
  const unknown = found.filter((entry) => 'error' in entry);
  if (unknown.length === 0)
    return { codes: found.map((entry) => ('code' in entry ? entry.code : '')) };
  if (unknown.length === 1) return { error: unknown[0]!.error };
  const example = kind === 'country' ? 'South Korea or KR' : 'Korean or ko';
  const named = unknown.map((entry) =>
    entry.hints.length > 0
      ? `“${entry.typed}” (did you mean ${entry.hints.join(', ')}?)`
      : `“${entry.typed}”`,
  );
  return {
    error: `${unknown.length} entries are not ${kind === 'country' ? 'countries' : 'languages'} we know: ${named.join('; ')}. Type names or codes such as ${example}.`,
  };
}

/** Up to three names that start with, or contain, what was typed. */
function closestNames(text: string, byName: Map<string, string>): string[] {
  const typed = normalise(text);
  if (typed.length < 2) return [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const [name, code] of byName) {
    const label = `${name.replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase())} (${code})`;
    if (name.startsWith(typed)) starts.push(label);
    else if (name.includes(typed)) contains.push(label);
  }
  return [...starts, ...contains].slice(0, 3);
}

/** "South Korea", "kr" or "KR" → { code: "KR" }; otherwise an error naming the closest. */
export function countryCode(input: string): CodeLookup {
  return lookup(input, countryCatalogue(), 'country', (text) => text.toUpperCase());
}

/** "Korean", "KO" or "ko" → { code: "ko" }; three-letter codes Intl knows are accepted too. */
export function languageCode(input: string): CodeLookup {
  return lookup(
    input,
    languageCatalogue(),
    'language',
    (text) => text.toLowerCase(),
    (code) => /^[a-z]{3}$/.test(code) && languageNames.of(code) !== undefined,
  );
}

/** Name for display of an ISO country code ("KR" → "South Korea"). */
export function countryName(code: string): string {
  return countryCatalogue().byCode.get(code) ?? code;
}

/** Name for display of an ISO language code ("ko" → "Korean"). */
export function languageName(code: string): string {
  return (
    languageCatalogue().byCode.get(code) ??
    (/^[a-z]{3}$/.test(code) ? languageNames.of(code) : undefined) ??
    code
  );
}
