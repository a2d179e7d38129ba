import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCIDENTS,
  CHARACTERS,
  checkBroken,
  checkClean,
  kindsOf,
  scriptOf,
  sentencesFor,
  WORDS,
  type Sentence,
  type Slot,
} from './repair-cases';

// The encoding repair as a property: every character of Latin-1, Latin Extended-A and -B, Greek
// (assigned), Cyrillic and general punctuation (U+2010–U+2044), in ordinary sentences, broken
// by each accident in repair-cases.ts, comes back exactly; and the clean sentence passes
// unchanged, with no warning.
//
// Where bytes were lost the original may be unknowable. There the repair may return another
// reading, but only one that the same accident could also have broken into the same text (a
// "�" standing for a character it could not restore), and only with a warning; or, where the
// broken sentence is itself one of the clean ones, the sentence as it is. What "genuinely
// ambiguous" means is computed, not listed: see couldHaveBecome. The same goes the other way
// for a clean sentence that is exactly what a lost-byte accident leaves of another
// ("the artistsâ flat"): see checkClean.

const report = (failures: string[]) =>
  failures.length === 0
    ? []
    : [`${failures.length} failures, the first:`, ...failures.slice(0, 30)];

describe('the encoding repair, for every character', () => {
  const cases = CHARACTERS.flatMap(sentencesFor);

  it(`covers ${CHARACTERS.length} characters in ${cases.length} sentences`, () => {
    expect(CHARACTERS.length).toBe(869);
  });

  it('leaves each clean sentence unchanged', () => {
    const failures = cases.map((sentence) => checkClean(sentence)).filter((f) => f !== null);
    expect(report(failures)).toEqual([]);
  });

  it.each(ACCIDENTS.map((accident) => [accident.name, accident] as const))(
    'restores each sentence after %s',
    (_name, accident) => {
      const failures = cases
        .map((sentence) => checkBroken(sentence, accident))
        .filter((f) => f !== null);
      expect(report(failures)).toEqual([]);
    },
  );
});

const ENGLISH = [
  'The',
  'film',
  'was',
  'a',
  'quiet',
  'triumph,',
  'and',
  'the',
  'score',
  '(by',
  'Dalpalan)',
  'is',
  'vast.',
  'In',
  '2024',
  'it',
  'reached',
  'Seoul;',
  'critics',
  'said:',
  "don't",
  'miss',
  'it!',
  '"Escape"',
  'runs',
  '94',
  'minutes',
  'well-known',
  'artists',
  'flat',
  'of',
] as const;

const slot = fc.constantFrom(...CHARACTERS).chain((char) =>
  fc.record({
    char: fc.constant(char),
    kind: fc.constantFrom(...kindsOf(char)),
    word: fc.constantFrom(...WORDS[scriptOf(char)]),
  }),
);

/** A line of English words with one to three of the characters put between them. */
const line = fc
  .tuple(
    fc.array(fc.constantFrom(...ENGLISH), { minLength: 2, maxLength: 12 }),
    fc.array(fc.tuple(fc.nat(), slot), { minLength: 1, maxLength: 3 }),
  )
  .map(([words, slots]) => {
    const items: Array<string | Slot> = [...words];
    for (const [at, inserted] of slots) items.splice(at % (items.length + 1), 0, inserted);
    const parts: Array<string | Slot> = [];
    items.forEach((item, i) => parts.push(...(i > 0 ? [' ', item] : [item])));
    return parts;
  });

const article = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines): Sentence => ({
  parts: lines.flatMap((parts, i) => (i > 0 ? ['\n', ...parts] : parts)),
}));

describe('the encoding repair, for any of them in any English sentence', () => {
  it('leaves the clean text unchanged, and restores it after every accident', () => {
    fc.assert(
      fc.property(article, (sentence) => {
        const failures = [
          checkClean(sentence),
          ...ACCIDENTS.map((accident) => checkBroken(sentence, accident)),
        ].filter((f) => f !== null);
        expect(failures).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
