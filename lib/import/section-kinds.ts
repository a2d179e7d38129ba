import type { SectionKind } from '../content/vocabulary';

// The kind of a section, read from its heading. The heading itself is kept as written; the
// kind only decides where the section sits in the page's structure.

/** Phrases per kind, matched as whole words anywhere in the heading. */
const KIND_PHRASES: ReadonlyArray<{ kind: SectionKind; phrases: string[] }> = [
  { kind: 'plot', phrases: ['plot summary', 'plot', 'story', 'synopsis', 'premise', 'storyline'] },
  { kind: 'cast', phrases: ['main cast', 'cast', 'performances', 'performance', 'acting'] },
  {
    kind: 'direction',
    phrases: ['direction', 'cinematography', 'cinematic style', 'style', 'visuals', 'filmmaking'],
  },
  { kind: 'themes', phrases: ['themes', 'theme', 'symbolism'] },
  {
    kind: 'reception',
    phrases: ['critical reception', 'reception', 'awards', 'accolades', 'box office'],
  },
  {
    kind: 'relevance',
    phrases: ['cultural relevance', 'global relevance', 'relevance', 'cultural impact', 'legacy'],
  },
  {
    kind: 'availability',
    phrases: [
      'availability',
      'where to watch',
      'where to stream',
      'release',
      'distribution',
      'streaming',
    ],
  },
  {
    kind: 'verdict',
    phrases: [
      'final thoughts',
      'verdict',
      'conclusion',
      'final verdict',
      'bottom line',
      'the verdict',
    ],
  },
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each phrase (lower case, single spaces) and its kind, in the order of KIND_PHRASES. */
const KIND_OF_PHRASE = new Map<string, SectionKind>();
for (const { kind, phrases } of KIND_PHRASES)
  for (const phrase of phrases) if (!KIND_OF_PHRASE.has(phrase)) KIND_OF_PHRASE.set(phrase, kind);

/**
 * Every phrase as a whole word, in one pattern: the importer asks this of every short line of
 * an article, and one scan a line is what keeps a long article's import in linear time with a
 * small constant (one pattern per phrase made it the import's costliest step).
 */
const ANY_PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...KIND_OF_PHRASE.keys()]
    .map((phrase) => escape(phrase).replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);

/**
 * The section kind a heading names: the phrase that appears first in it wins ("Release and
 * Reception" is availability); where two start at the same place, the one listed first. The
 * alternation gives exactly that: the leftmost match, and there the first alternative that
 * matches. Anything else is custom.
 */
export function sectionKindOf(heading: string): SectionKind {
  const match = ANY_PHRASE.exec(heading);
  if (!match) return 'custom';
  const found = match[1]!;
  return (
    KIND_OF_PHRASE.get(found.toLowerCase().replace(/\s+/g, ' ')) ??
    // Case folding lets "ſ" or "K" (the Kelvin sign) match "s" and "k", which toLowerCase
    // leaves as they are: find the phrase the way the pattern did.
    [...KIND_OF_PHRASE].find(([phrase]) => wholePhrase(phrase).test(found))?.[1] ??
    'custom'
  );
}

const wholePhrase = (phrase: string) =>
  new RegExp(`^${escape(phrase).replace(/ /g, '\\s+')}$`, 'iu');

/** Whether a heading marks its section as holding spoilers ("Ending explained (spoilers)"). */
export function headingMarksSpoilers(heading: string): boolean {
  if (/spoiler[-\s]?free|no spoilers|without spoilers/i.test(heading)) return false;
  return /\bspoilers?\b/i.test(heading);
}
