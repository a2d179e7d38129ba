import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sectionKindOf } from '../../lib/import/section-kinds';

// sectionKindOf scans a heading once, with every phrase in one pattern. It must name the kind
// the rule names: the phrase that appears first wins, and at the same place the one listed
// first. The reference here is that rule, one pattern per phrase, as it was first written.

const PHRASES: Array<[string, string]> = [
  ['plot', 'plot summary'],
  ['plot', 'plot'],
  ['plot', 'story'],
  ['cast', 'main cast'],
  ['cast', 'cast'],
  ['cast', 'performances'],
  ['direction', 'direction'],
  ['direction', 'cinematic style'],
  ['direction', 'style'],
  ['themes', 'themes'],
  ['reception', 'critical reception'],
  ['reception', 'reception'],
  ['reception', 'box office'],
  ['relevance', 'cultural relevance'],
  ['relevance', 'legacy'],
  ['availability', 'release'],
  ['availability', 'where to watch'],
  ['verdict', 'final thoughts'],
  ['verdict', 'verdict'],
  ['verdict', 'final verdict'],
];

const words = fc.constantFrom(
  ...PHRASES.map(([, phrase]) => phrase),
  'and',
  'The',
  'PLOT',
  'Final',
  'plotting',
  'recast',
  'Ending',
  '(spoilers)',
  'Thoughts',
  'ſtory',
);
const heading = fc
  .array(words, { minLength: 1, maxLength: 6 })
  .chain((parts) =>
    fc.constantFrom(' ', '  ', ' — ', ': ').map((separator) => parts.join(separator)),
  );

describe('sectionKindOf', () => {
  it('names the kind of the first phrase, as the rule says, on any heading', () => {
    fc.assert(
      fc.property(heading, (text) => {
        const kind = sectionKindOf(text);
        // Where every phrase of the kind found first appears, none of another appears earlier.
        const first = (phrase: string) => {
          const match = new RegExp(
            `(?<![\\p{L}\\p{N}])${phrase.replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`,
            'iu',
          ).exec(text);
          return match ? match.index : Infinity;
        };
        const earliest = Math.min(...PHRASES.map(([, phrase]) => first(phrase)));
        if (earliest === Infinity) return; // phrases outside this list may still name a kind
        const kindsThere = PHRASES.filter(([, phrase]) => first(phrase) === earliest).map(
          ([k]) => k,
        );
        expect(kindsThere).toContain(kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the headings an article uses', () => {
    expect(sectionKindOf('Plot Summary')).toBe('plot');
    expect(sectionKindOf('Release and Reception')).toBe('availability');
    expect(sectionKindOf('Main Cast and Performances')).toBe('cast');
    expect(sectionKindOf('Final  Thoughts')).toBe('verdict');
    expect(sectionKindOf('The ſtory')).toBe('plot');
    expect(sectionKindOf('Plotting the escape')).toBe('custom');
    expect(sectionKindOf('')).toBe('custom');
  });
});
