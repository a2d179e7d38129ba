import { createHash } from 'node:crypto';
import type { ReviewCredit } from '../content/review-content';
import { CREDIT_ROLES, type CreditRole } from '../content/vocabulary';
import { slugify } from '../text/slug';
import { trimEndChars } from '../text/trim';

// Credits read from the article's own words: "Actor as Character" lines, "Character (played by
// Actor)", "directed by X", "starring A, B and C", "cinematography by …", "score by …" or "music
// by …", "written by …". A name is only taken where the text gives its role; nothing is guessed.

/**
 * One word of a name: capitalised ("Je-hoon", "O’Brien"), an initial ("J."), or uncased (봉준호).
 * Bounded (40 letters a part, 3 hyphens) and required to end where the word ends, so a pattern
 * tried at every position of a 70 KB "word" costs 40 steps a position, not the rest of the line.
 * An uncased word also starts where its run starts: inside 200 KB of CJK text, trying 40
 * lengths at every position made "(played by" cost half a second.
 */
const LETTERS = String.raw`[\p{Ll}\p{Lu}\p{M}'’]{0,40}`;
const WORD = String.raw`(?:\p{Lu}\.|\p{Lu}${LETTERS}(?:-\p{L}${LETTERS}){0,3}(?![\p{L}\p{M}'’-])|(?<!\p{Lo})\p{Lo}{1,40}(?!\p{Lo}))`;
const PARTICLE = String.raw`(?:de|da|di|del|della|der|den|du|dos|das|van|von|le|la|bin|al|el|ibn|y)`;
const NAME = String.raw`${WORD}(?:\s+(?:${PARTICLE}\s+)?${WORD}){0,3}`;
const NAMES = String.raw`${NAME}(?:\s*,\s*${NAME})*(?:,?\s+(?:and|&)\s+${NAME})?`;
/** A character: capitalised words, "of" and "the" allowed inside ("Queen of Hearts"). */
const CHARACTER = String.raw`(?:the\s+)?${WORD}(?:\s+(?:(?:of|the|de|von|van)\s+)?${WORD}){0,5}`;

/** A keyword in either case at the start of a sentence: "directed" or "Directed". */
const kw = (words: string) =>
  words
    .split(' ')
    .map((word) => `[${word[0]!.toUpperCase()}${word[0]!.toLowerCase()}]${word.slice(1)}`)
    .join(String.raw`\s+`);

const any = (...alternatives: string[]) => `(?:${alternatives.join('|')})`;

/** Patterns that name people with a role, the names in group 1. */
const ROLE_PATTERNS: ReadonlyArray<{ role: CreditRole; hint: RegExp; pattern: RegExp }> = [
  {
    role: 'director',
    hint: /directed|helmed/i,
    pattern: new RegExp(String.raw`\b${any(kw('directed'), kw('helmed'))}\s+by\s+(${NAMES})`, 'gu'),
  },
  {
    role: 'director',
    hint: /director|filmmaker/i,
    pattern: new RegExp(String.raw`\b${any(kw('director'), kw('filmmaker'))},?\s+(${NAME})`, 'gu'),
  },
  {
    role: 'writer',
    hint: /written|penned|scripted|screenplay|script/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('written'), kw('penned'), kw('scripted'), `${any(kw('screenplay'), kw('script'))}\s+(?:is\s+)?`)}\s*by\s+(${NAMES})`,
      'gu',
    ),
  },
  {
    role: 'writer',
    hint: /writer/i,
    pattern: new RegExp(String.raw`\b${any(kw('screenwriter'), kw('writer'))},?\s+(${NAME})`, 'gu'),
  },
  {
    role: 'cast',
    hint: /star/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('starring'), kw('stars'), kw('co-starring'), kw('co-stars'))}\s+(${NAMES})`,
      'gu',
    ),
  },
  {
    role: 'cinematographer',
    hint: /cinematography|photography|camerawork/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('cinematography'), kw('photography'), kw('camerawork'))}\s+(?:is\s+|was\s+)?by\s+(${NAMES})`,
      'gu',
    ),
  },
  {
    role: 'cinematographer',
    hint: /shot|lensed|photographed/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('shot'), kw('lensed'), kw('photographed'))}\s+by\s+(${NAMES})`,
      'gu',
    ),
  },
  {
    role: 'cinematographer',
    hint: /cinematographer|director of photography/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('cinematographers?'), kw('director of photography'))},?\s+(${NAMES})`,
      'gu',
    ),
  },
  {
    role: 'composer',
    hint: /score|music|soundtrack/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('score'), kw('music'), kw('soundtrack'))}\s+(?:is\s+|was\s+)?(?:composed\s+)?by\s+(${NAMES})`,
      'gu',
    ),
  },
  {
    role: 'composer',
    hint: /scored|composed/i,
    pattern: new RegExp(String.raw`\b${any(kw('scored'), kw('composed'))}\s+by\s+(${NAMES})`, 'gu'),
  },
  {
    role: 'composer',
    hint: /composer/i,
    pattern: new RegExp(String.raw`\b${kw('composers?')},?\s+(${NAMES})`, 'gu'),
  },
];

/** "Lee Je-hoon as Lim Gyu-nam", alone on a line or before its description. */
const AS_LINE = new RegExp(String.raw`^(${NAME})\s+as\s+(${CHARACTER})\s*(?:$|[:–—(]|-\s)`, 'u');
/** "Lim Gyu-nam (played by Lee Je-hoon)". */
const PLAYED_BY = new RegExp(
  String.raw`(${CHARACTER})\s*\(\s*(?:played|portrayed)\s+by\s+(${NAME})\s*\)`,
  'gu',
);

/** Capitalised words that start sentences but never names. */
const NOT_NAMES = new Set(
  'The A An In On At It Its This That These Those He She They His Her Their Its But And As With For From Who Which While When Where Whose Whom Best Both Each Every All Some Most Many Once Then'.split(
    ' ',
  ),
);

/** Drops words that cannot belong to a name from its start and end. */
function cleanName(raw: string): string | null {
  const words = raw.trim().split(/\s+/);
  while (words.length > 0 && NOT_NAMES.has(words[0]!)) words.shift();
  const cut = words.findIndex((word) => NOT_NAMES.has(word));
  const name = (cut === -1 ? words : words.slice(0, cut)).join(' ').replace(/[’']s$/, '');
  return name.length >= 2 ? name : null;
}

function splitNames(list: string): string[] {
  return list
    .replace(/\s+/g, ' ')
    .split(/ ?, ?(?:and |& )?| (?:and|&) /)
    .map(cleanName)
    .filter((name): name is string => name !== null);
}

/** A slug for a person; names without Latin letters get a stable one from a hash. */
export function personSlug(name: string): string {
  const slug = slugify(name);
  if (slug) return trimEndChars(slug.slice(0, 120), '-');
  return `person-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 10)}`;
}

type Found = { name: string; role: CreditRole; character: string | null; order: number };

/**
 * The credits a text names, in the order of the roles (director, cast, writer, …) and, within a
 * role, of first mention. One person with one role is listed once; a cast member's character
 * comes from whichever mention gives it.
 *
 * `texts` are the article's paragraphs and list items in reading order; `lines` marks which of
 * them stand alone as a line (a list item, a short paragraph), where "Actor as Character" is read.
 */
export function findCredits(texts: ReadonlyArray<{ text: string; line: boolean }>): ReviewCredit[] {
  const found: Found[] = [];
  let order = 0;
  const add = (name: string | null, role: CreditRole, character: string | null, at: number) => {
    if (name) found.push({ name, role, character, order: order * 100_000 + at });
  };
  for (const { text, line } of texts) {
    order++;
    if (line) {
      const as = AS_LINE.exec(text);
      if (as) add(cleanName(as[1]!), 'cast', cleanName(as[2]!), 0);
    }
    if (/played|portrayed/i.test(text)) {
      for (const match of text.matchAll(PLAYED_BY))
        add(cleanName(match[2]!), 'cast', cleanName(match[1]!), match.index);
    }
    // Each pattern only where its keyword appears at all: most paragraphs name no one.
    for (const { role, hint, pattern } of ROLE_PATTERNS) {
      if (!hint.test(text)) continue;
      for (const match of text.matchAll(pattern)) {
        for (const name of splitNames(match[1]!)) add(name, role, null, match.index);
      }
    }
  }
  found.sort((a, b) => a.order - b.order);

  const credits = new Map<string, ReviewCredit & { order: number }>();
  for (const credit of found) {
    const slug = personSlug(credit.name);
    const key = `${credit.role}:${slug}`;
    const existing = credits.get(key);
    if (existing) {
      if (credit.role === 'cast' && existing.character === null && credit.character)
        existing.character = credit.character;
      continue;
    }
    credits.set(key, {
      name: credit.name,
      slug,
      role: credit.role,
      character: credit.role === 'cast' ? credit.character : null,
      order: credit.order,
    });
  }
  return [...credits.values()]
    .sort(
      (a, b) => CREDIT_ROLES.indexOf(a.role) - CREDIT_ROLES.indexOf(b.role) || a.order - b.order,
    )
    .map(({ name, slug, role, character }) => ({
      name: name.slice(0, 200),
      slug,
      role,
      character: character?.slice(0, 200) ?? null,
    }));
}
