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

const MATCHERS = KIND_PHRASES.flatMap(({ kind, phrases }) =>
  phrases.map((phrase) => ({
    kind,
    pattern: new RegExp(
      `(?<![\\p{L}\\p{N}])${escape(phrase).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`,
      'iu',
    ),
  })),
);

/**
 * The section kind a heading names: the phrase that appears first in it wins ("Release and
 * Reception" is availability). Anything else is custom.
 */
export function sectionKindOf(heading: string): SectionKind {
  let best: { kind: SectionKind; index: number } | null = null;
  for (const { kind, pattern } of MATCHERS) {
    const match = pattern.exec(heading);
    if (match && (best === null || match.index < best.index)) best = { kind, index: match.index };
  }
  return best?.kind ?? 'custom';
}

/** Whether a heading marks its section as holding spoilers ("Ending explained (spoilers)"). */
export function headingMarksSpoilers(heading: string): boolean {
  if (/spoiler[-\s]?free|no spoilers|without spoilers/i.test(heading)) return false;
  return /\bspoilers?\b/i.test(heading);
}
