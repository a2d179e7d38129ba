import type { ReviewCredit } from '../content/review-content';
import { CREDIT_ROLE_LABELS, CREDIT_ROLES } from '../content/vocabulary';
import { inlineText, blockTexts, type Block } from './blocks';
import { listMentions } from './credits-list';
import type { CreditSource, CreditText } from './credits-mention';
import { cleanName, nameWords, personSlug } from './credits-names';
import { proseMentions } from './credits-prose';
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
//
// credits-list.ts reads the credits list, credits-prose.ts the prose, both with the name
// patterns and rules of credits-names.ts; this file combines what they read into the credits.

export { personSlug };
export type { CreditSource, CreditText };

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
