import { createHash } from 'node:crypto';
import type { ReviewCredit } from '../content/review-content';
import { CREDIT_ROLE_LABELS, CREDIT_ROLES, type CreditRole } from '../content/vocabulary';
import { slugify } from '../text/slug';
import { trimEndChars } from '../text/trim';
import { inlineText, blockTexts, type Block } from './blocks';
import type { ImportWarning } from './types';

// Credits read from the article's own words, from two kinds of text:
//   - its credits list: "Actor as Character" lines and labelled lines ("Cast: A, B and C",
//     "Director: X"). The article states these credits; they are taken as written.
//   - its prose: "Character (played by Actor)", "directed by X", "starring A as B and C as D",
//     "cinematography by …", "score by …", "written by …". The sentence gives the role, but where
//     a name starts and ends is the importer's reading, so each of these credits comes with the
//     sentence it was read from: the preview marks it as guessed and lists it to check.
//
// So that prose never invents a person, a name read from it is two or more capitalised words
// ("Florian Henckel von Donnersmarck"), or one word that the credits list also names, or one
// word right after a "… by" phrase ("score by Dalpalan"), where the full name as credited is what
// follows. Any other capitalised word in a sentence is a title or a sentence's first word: in
// "Directed by X, The Lives of Others is …" neither "Lives" nor "The Lives" is a person.

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
/** A character: capitalised words, "of" and "the" allowed inside ("Queen of Hearts"). */
const CHARACTER = String.raw`(?:the\s+)?${WORD}(?:\s+(?:(?:of|the|de|von|van)\s+)?${WORD}){0,5}`;
/** A cast member, with the character when the text gives it ("Ulrich Mühe as Gerd Wiesler"). */
const CAST_ITEM = String.raw`${NAME}(?:\s+as\s+${CHARACTER})?`;
/**
 * "A", "A and B", "A, B and C". Matched greedily in one pass, so no item is ever read twice;
 * listItems then keeps the items after a comma only when an "and" closes the list.
 */
const list = (item: string) => String.raw`${item}(?:\s*,\s*${item})*(?:,?\s+(?:and|&)\s+${item})?`;
const NAMES = list(NAME);

/** A keyword in either case at the start of a sentence: "directed" or "Directed". */
const kw = (words: string) =>
  words
    .split(' ')
    .map((word) => `[${word[0]!.toUpperCase()}${word[0]!.toLowerCase()}]${word.slice(1)}`)
    .join(String.raw`\s+`);

const any = (...alternatives: string[]) => `(?:${alternatives.join('|')})`;

/** Patterns that name people with a role, the names in group 1. */
const ROLE_PATTERNS: ReadonlyArray<{
  role: CreditRole;
  hint: RegExp;
  pattern: RegExp;
  /**
   * A "… by" phrase: the full name as credited follows, so its first name may be one word.
   * After a job title ("Director Bong") a surname alone is as likely, and is not taken.
   */
  by: boolean;
}> = [
  {
    role: 'director',
    hint: /directed|helmed/i,
    pattern: new RegExp(String.raw`\b${any(kw('directed'), kw('helmed'))}\s+by\s+(${NAMES})`, 'gu'),
    by: true,
  },
  {
    role: 'director',
    hint: /director|filmmaker/i,
    pattern: new RegExp(String.raw`\b${any(kw('director'), kw('filmmaker'))},?\s+(${NAME})`, 'gu'),
    by: false,
  },
  {
    role: 'writer',
    hint: /written|penned|scripted|screenplay|script/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('written'), kw('penned'), kw('scripted'), `${any(kw('screenplay'), kw('script'))}\s+(?:is\s+)?`)}\s*by\s+(${NAMES})`,
      'gu',
    ),
    by: true,
  },
  {
    role: 'writer',
    hint: /writer/i,
    pattern: new RegExp(String.raw`\b${any(kw('screenwriter'), kw('writer'))},?\s+(${NAME})`, 'gu'),
    by: false,
  },
  {
    role: 'cast',
    hint: /star/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('starring'), kw('stars'), kw('co-starring'), kw('co-stars'))}\s+(${list(CAST_ITEM)})`,
      'gu',
    ),
    by: false,
  },
  {
    role: 'cinematographer',
    hint: /cinematography|photography|camerawork/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('cinematography'), kw('photography'), kw('camerawork'))}\s+(?:is\s+|was\s+)?by\s+(${NAMES})`,
      'gu',
    ),
    by: true,
  },
  {
    role: 'cinematographer',
    hint: /shot|lensed|photographed/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('shot'), kw('lensed'), kw('photographed'))}\s+by\s+(${NAMES})`,
      'gu',
    ),
    by: true,
  },
  {
    role: 'cinematographer',
    hint: /cinematographer|director of photography/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('cinematographers?'), kw('director of photography'))},?\s+(${NAMES})`,
      'gu',
    ),
    by: false,
  },
  {
    role: 'composer',
    hint: /score|music|soundtrack/i,
    pattern: new RegExp(
      String.raw`\b${any(kw('score'), kw('music'), kw('soundtrack'))}\s+(?:is\s+|was\s+)?(?:composed\s+)?by\s+(${NAMES})`,
      'gu',
    ),
    by: true,
  },
  {
    role: 'composer',
    hint: /scored|composed/i,
    pattern: new RegExp(String.raw`\b${any(kw('scored'), kw('composed'))}\s+by\s+(${NAMES})`, 'gu'),
    by: true,
  },
  {
    role: 'composer',
    hint: /composer/i,
    pattern: new RegExp(String.raw`\b${kw('composers?')},?\s+(${NAMES})`, 'gu'),
    by: false,
  },
];

/** "Lee Je-hoon as Lim Gyu-nam", alone on a line or before its description. */
const AS_LINE = new RegExp(String.raw`^(${NAME})\s+as\s+(${CHARACTER})\s*(?:$|[:–—(]|-\s)`, 'u');
/** "Lim Gyu-nam (played by Lee Je-hoon)". */
const PLAYED_BY = new RegExp(
  String.raw`(${CHARACTER})\s*\(\s*(?:played|portrayed)\s+by\s+(${NAME})\s*\)`,
  'gu',
);

/**
 * The labels of the lines of a credits list ("Cast:", "Directed by –"), lower case. Those that
 * name a person or a credit take any name; those that name an aspect of the film
 * ("Cinematography:", "Music:") are also how a review scores it ("Cinematography: Stunning"),
 * so a one-word value after them is not taken as a person.
 */
const LABEL_WORDS: ReadonlyArray<
  readonly [role: CreditRole, people: readonly string[], aspects: readonly string[]]
> = [
  ['director', ['director', 'directors', 'directed by'], []],
  ['cast', ['cast', 'starring'], []],
  [
    'writer',
    ['writer', 'writers', 'written by', 'screenplay by', 'screenwriter', 'screenwriters'],
    ['screenplay', 'script'],
  ],
  [
    'cinematographer',
    ['cinematographer', 'cinematographers', 'director of photography', 'shot by'],
    ['cinematography', 'photography'],
  ],
  [
    'composer',
    ['composer', 'composers', 'music by', 'score by'],
    ['music', 'score', 'original score'],
  ],
  ['editor', ['editor', 'editors', 'edited by'], ['editing']],
  ['producer', ['producer', 'producers', 'produced by'], []],
];
type Label = { role: CreditRole; aspect: boolean };
const LABELS = new Map<string, Label>(
  LABEL_WORDS.flatMap(([role, people, aspects]) => [
    ...people.map((label): [string, Label] => [label, { role, aspect: false }]),
    ...aspects.map((label): [string, Label] => [label, { role, aspect: true }]),
  ]),
);
/** A label at the start of a line; longest first, so "director of photography" wins. */
const LABEL = new RegExp(
  String.raw`^(${[...LABELS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((label) => label.replace(/ /g, String.raw`\s+`))
    .join('|')})\s*[:：–—]\s*`,
  'iu',
);
/** The names after a label, to the end of the line: commas need no closing "and" here. */
const LABEL_NAMES = new RegExp(
  String.raw`^(${CAST_ITEM}(?:(?:\s*[,;]\s*|,?\s+(?:and|&)\s+)${CAST_ITEM})*)[\s.;]*$`,
  'u',
);

/** Capitalised words that start sentences but never names. */
const NOT_NAMES = new Set(
  'The A An In On At It Its This That These Those He She They His Her Their But And As With For From Who Which While When Where Whose Whom Best Both Each Every All Some Most Many Once Then'.split(
    ' ',
  ),
);

/** The words of a name up to one that cannot belong to it ("Bong Joon-ho The film …"). */
function nameUntilNotName(words: string[]): string | null {
  const cut = words.findIndex((word) => NOT_NAMES.has(word));
  const name = (cut === -1 ? words : words.slice(0, cut)).join(' ').replace(/[’']s$/, '');
  return name.length >= 2 ? name : null;
}

/**
 * A name as matched, or null when it starts with a word that starts sentences and titles
 * ("The Rock", "The Wailing’s director"): taking the rest would make a person of a title.
 */
function cleanName(raw: string): string | null {
  const words = raw.trim().split(/\s+/);
  return NOT_NAMES.has(words[0]!) ? null : nameUntilNotName(words);
}

/** A character as matched, without the sentence's first words ("As Major Ri" → "Major Ri"). */
function cleanCharacter(raw: string): string | null {
  const words = raw.trim().split(/\s+/);
  const first = words.findIndex((word) => !NOT_NAMES.has(word));
  return first === -1 ? null : nameUntilNotName(words.slice(first));
}

/** A listed name and its character: "Ulrich Mühe as Gerd Wiesler". */
type Item = { name: string; character: string | null };

/**
 * The items of a matched list. In prose, the items after a comma count only when an "and"
 * closes the list ("A, B and C"): otherwise the comma ends the credit, as in "Directed by X, The
 * Lives of Others is …". A character name never holds "and", so any " and " is the closing one.
 */
function listItems(matched: string, prose: boolean): Item[] {
  const flat = matched.replace(/\s+/g, ' ');
  const items = flat.split(/ ?[,;] ?(?:and |& )?| (?:and|&) /);
  const kept = prose && !/ (?:and|&) /.test(flat) ? items.slice(0, 1) : items;
  return kept.map((item) => {
    const as = item.indexOf(' as ');
    return as === -1
      ? { name: item, character: null }
      : { name: item.slice(0, as), character: cleanCharacter(item.slice(as + 4)) };
  });
}

/** How many words of a name are capitalised or uncased: particles ("von") do not count. */
const nameWords = (name: string) =>
  name.split(' ').filter((word) => /^[\p{Lu}\p{Lo}]/u.test(word)).length;

/** A slug for a person; names without Latin letters get a stable one from a hash. */
export function personSlug(name: string): string {
  const slug = slugify(name);
  if (slug) return trimEndChars(slug.slice(0, 120), '-');
  return `person-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 10)}`;
}

/** A text credits are read from: a paragraph or list item, and where it is ("line 12"). */
export type CreditText = {
  text: string;
  /** Stands alone as a line (a list item, a short paragraph): where a credits list is read. */
  line: boolean;
  /** Where the text is, for the warning about a credit guessed from it ("line 12"). */
  where?: string;
};

/** The sentence a credit was read from, and where it is. */
export type CreditSource = { sentence: string; where: string };

/** A credit as read: from the credits list (guessedFrom null), or from a sentence of prose. */
export type ReadCredit = ReviewCredit & { guessedFrom: CreditSource | null };

/** The texts credits are read from, in reading order: paragraphs, list items, quotes. */
export function creditTexts(blocks: readonly Block[]): CreditText[] {
  return blocks.flatMap((block): CreditText[] => {
    switch (block.type) {
      case 'list':
        return block.items.flatMap((item) =>
          item.flatMap((inner, i) =>
            i === 0 && inner.type === 'paragraph'
              ? [{ text: inlineText(inner.inlines), line: true, where: inner.where }]
              : creditTexts([inner]),
          ),
        );
      case 'quote':
        return creditTexts(block.blocks);
      default:
        return blockTexts(block).map((text) => ({
          text,
          line: text.length <= 120,
          where: block.where,
        }));
    }
  });
}

/**
 * How much of a sentence is quoted either side of a credit, in characters. Bounded, so a
 * paragraph of 200 KB with a credit in every line costs the same per credit as a short one.
 */
const SENTENCE_REACH = 200;
const SENTENCE_END = /[.!?]["”’)]?(?:\s|$)/u;
const SENTENCE_ENDS = /[.!?]["”’)]?\s/gu;

/** The sentence around text[start, end), cut ("…") where it goes on past SENTENCE_REACH. */
function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SENTENCE_REACH);
  let begin = -1;
  for (const match of text.slice(from, start).matchAll(SENTENCE_ENDS))
    begin = from + match.index + match[0].length;
  const after = text.slice(end, end + SENTENCE_REACH);
  const stop = SENTENCE_END.exec(after);
  const head = begin === -1 ? (from > 0 ? '…' : '') : '';
  const body = text.slice(
    begin === -1 ? from : begin,
    stop ? end + stop.index + 1 : end + after.length,
  );
  const tail = !stop && end + after.length < text.length ? '…' : '';
  return `${head}${body.replace(/\s+/g, ' ').trim()}${tail}`;
}

/** A credit as one text names it. */
type Mention = Item & {
  role: CreditRole;
  /** Where in the text: mentions are ordered by text, then by this. */
  at: number;
  source: CreditSource | null;
  /** Right after a "… by" phrase, where one word may be a name. */
  afterBy: boolean;
};

/** What a line of the article's credits list states: "Actor as Character", "Cast: A, B". */
function listMentions(text: string): Mention[] {
  const listed = (item: Item, role: CreditRole): Mention => ({
    ...item,
    role,
    at: 0,
    source: null,
    afterBy: false,
  });
  const mentions: Mention[] = [];
  const as = AS_LINE.exec(text);
  if (as) mentions.push(listed({ name: as[1]!, character: cleanCharacter(as[2]!) }, 'cast'));
  const label = LABEL.exec(text);
  const labelled = label ? LABELS.get(label[1]!.toLowerCase().replace(/\s+/g, ' ')) : undefined;
  const names = label && LABEL_NAMES.exec(text.slice(label[0].length));
  if (!labelled || !names) return mentions;
  const { role, aspect } = labelled;
  for (const item of listItems(names[1]!, false)) {
    if (aspect && nameWords(item.name) < 2) continue;
    mentions.push(listed({ ...item, character: role === 'cast' ? item.character : null }, role));
  }
  return mentions;
}

/** What a text's sentences say, each credit with the sentence it was read from. */
function proseMentions({ text, where = 'the article' }: CreditText): Mention[] {
  const mentions: Mention[] = [];
  const sourceOf = (match: RegExpExecArray) => ({
    sentence: sentenceAround(text, match.index, match.index + match[0].length),
    where,
  });
  if (/played|portrayed/i.test(text)) {
    for (const match of text.matchAll(PLAYED_BY))
      mentions.push({
        name: match[2]!,
        character: cleanCharacter(match[1]!),
        role: 'cast',
        at: match.index,
        source: sourceOf(match),
        afterBy: true,
      });
  }
  // Each pattern only where its keyword appears at all: most paragraphs name no one.
  for (const { role, hint, pattern, by } of ROLE_PATTERNS) {
    if (!hint.test(text)) continue;
    for (const match of text.matchAll(pattern)) {
      const source = sourceOf(match);
      listItems(match[1]!, true).forEach((item, i) =>
        mentions.push({ ...item, role, at: match.index, source, afterBy: by && i === 0 }),
      );
    }
  }
  return mentions;
}

/**
 * The credits the texts name, in the order of the roles (director, cast, writer, …) and, within
 * a role, of first mention. One person with one role is listed once; a cast member's character
 * comes from whichever mention gives it. A credit the credits list states is not a guess, even
 * when a sentence names it too; every other one carries the first sentence it was read from.
 */
export function findCredits(texts: readonly CreditText[]): ReadCredit[] {
  const mentions = texts.flatMap((entry, index) =>
    [...(entry.line ? listMentions(entry.text) : []), ...proseMentions(entry)].map((mention) => ({
      ...mention,
      order: (index + 1) * 100_000 + mention.at,
    })),
  );
  const cleaned = mentions.flatMap((mention) => {
    const name = cleanName(mention.name);
    return name ? [{ ...mention, name, slug: personSlug(name) }] : [];
  });
  const listed = new Set(cleaned.filter((m) => m.source === null).map((m) => m.slug));
  const people = cleaned.filter(
    (m) => m.source === null || m.afterBy || nameWords(m.name) >= 2 || listed.has(m.slug),
  );
  people.sort((a, b) => a.order - b.order);

  const credits = new Map<string, ReadCredit & { order: number }>();
  for (const mention of people) {
    const key = `${mention.role}:${mention.slug}`;
    const existing = credits.get(key);
    if (existing) {
      if (mention.role === 'cast' && existing.character === null && mention.character)
        existing.character = mention.character;
      if (mention.source === null) existing.guessedFrom = null;
      continue;
    }
    credits.set(key, {
      name: mention.name,
      slug: mention.slug,
      role: mention.role,
      character: mention.role === 'cast' ? mention.character : null,
      guessedFrom: mention.source,
      order: mention.order,
    });
  }
  return [...credits.values()]
    .sort(
      (a, b) => CREDIT_ROLES.indexOf(a.role) - CREDIT_ROLES.indexOf(b.role) || a.order - b.order,
    )
    .map(({ name, slug, role, character, guessedFrom }) => ({
      name: name.slice(0, 200),
      slug,
      role,
      character: character?.slice(0, 200) ?? null,
      guessedFrom,
    }));
}

/** The warning that lists a credit read from a sentence, for the editor to check. */
export function guessedCreditWarning(credit: ReviewCredit, from: CreditSource): ImportWarning {
  const role = CREDIT_ROLE_LABELS[credit.role].one.toLowerCase();
  const character = credit.character ? ` as ${credit.character}` : '';
  return {
    what: `Guessed from the text, not a credits list: ${credit.name} (${role}${character}), from “${from.sentence}” — check the name and the role.`,
    where: from.where,
  };
}
