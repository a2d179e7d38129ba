import { createHash } from 'node:crypto';
import { slugify } from '../text/slug';
import { trimEndChars } from '../text/trim';

// What a person's name looks like in an article, and which capitalised words are not one.

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
export const NAME = String.raw`${WORD}(?:\s+(?:${PARTICLE}\s+)?${WORD}){0,3}`;
/** A character: capitalised words, "of" and "the" allowed inside ("Queen of Hearts"). */
export const CHARACTER = String.raw`(?:the\s+)?${WORD}(?:\s+(?:(?:of|the|de|von|van)\s+)?${WORD}){0,5}`;
/** A cast member, with the character when the text gives it ("Ulrich Mühe as Gerd Wiesler"). */
export const CAST_ITEM = String.raw`${NAME}(?:\s+as\s+${CHARACTER})?`;
/**
 * "A", "A and B", "A, B and C". Matched greedily in one pass, so no item is ever read twice;
 * listItems then keeps the items after a comma only when an "and" closes the list.
 */
export const list = (item: string) =>
  String.raw`${item}(?:\s*,\s*${item})*(?:,?\s+(?:and|&)\s+${item})?`;
export const NAMES = list(NAME);

// The patterns below are built here, beside the name patterns, and not in the readers that use
// them: ESLint's regexp rules check a pattern only when its whole source is known in its file,
// and a pattern built from a constant imported from another file is not checked at all.

/** "Lee Je-hoon as Lim Gyu-nam", alone on a line or before its description. */
export const AS_LINE = new RegExp(
  String.raw`^(${NAME})\s+as\s+(${CHARACTER})\s*(?:$|[:–—(]|-\s)`,
  'u',
);
/** "Lim Gyu-nam (played by Lee Je-hoon)". */
export const PLAYED_BY = new RegExp(
  String.raw`(${CHARACTER})\s*\(\s*(?:played|portrayed)\s+by\s+(${NAME})\s*\)`,
  'gu',
);
/** The names after a label, to the end of the line: commas need no closing "and" here. */
export const LABEL_NAMES = new RegExp(
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
export function cleanName(raw: string): string | null {
  const words = raw.trim().split(/\s+/);
  return NOT_NAMES.has(words[0]!) ? null : nameUntilNotName(words);
}

/** A character as matched, without the sentence's first words ("As Major Ri" → "Major Ri"). */
export function cleanCharacter(raw: string): string | null {
  const words = raw.trim().split(/\s+/);
  const first = words.findIndex((word) => !NOT_NAMES.has(word));
  return first === -1 ? null : nameUntilNotName(words.slice(first));
}

/** A listed name and its character: "Ulrich Mühe as Gerd Wiesler". */
export type Item = { name: string; character: string | null };

/**
 * The items of a matched list. In prose, the items after a comma count only when an "and"
 * closes the list ("A, B and C"): otherwise the comma ends the credit, as in "Directed by X, The
 * Lives of Others is …". A character name never holds "and", so any " and " is the closing one.
 */
export function listItems(matched: string, prose: boolean): Item[] {
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
export const nameWords = (name: string) =>
  name.split(' ').filter((word) => /^[\p{Lu}\p{Lo}]/u.test(word)).length;

/** A slug for a person; names without Latin letters get a stable one from a hash. */
export function personSlug(name: string): string {
  const slug = slugify(name);
  if (slug) return trimEndChars(slug.slice(0, 120), '-');
  return `person-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 10)}`;
}
