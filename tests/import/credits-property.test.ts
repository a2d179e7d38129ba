import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewContentSchema } from '../../lib/content/review-content';
import { importArticle } from '../../lib/import';
import { findCredits, type CreditText } from '../../lib/import/credits';
import { AS_LINE } from '../../lib/import/credits-names';

// Properties of the credits read from prose (lib/import/credits.ts): built from sentences of
// role phrases, people's names, titles and capitalised words that are not names, in any order.
// No credit is ever one word unless the article's credits list names it or a "… by" phrase
// comes right before it; every credit not in the list is marked as a guess, with its sentence;
// the import always passes the content schema.

const NAME_WORDS = [
  'Ulrich',
  'Mühe',
  'Sebastian',
  'Koch',
  'Jean-Luc',
  'O’Brien',
  "O'Neill",
  'Lee',
  'Je-hoon',
  'Florian',
  'Henckel',
  'Donnersmarck',
];
const PARTICLES = ['von', 'van', 'de', 'da', 'del', 'der', 'le', 'la', 'bin'];
/** Capitalised words of titles, never of names here. */
const TITLE_WORDS = [
  'Lives',
  'Others',
  'Escape',
  'Mother',
  'Night',
  'Wailing',
  'Believer',
  'Oldboy',
];
/** Capitalised words that are not names: sentence starts, places, verdicts. */
const NOT_NAMES = ['Stunning', 'Haunting', 'Critics', 'However', 'Berlin', 'Korea', 'Tonight'];
const ROLE_PHRASES = [
  'Directed by',
  'directed by',
  'written by',
  'the score by',
  'music by',
  'cinematography by',
  'shot by',
  'starring',
  'It stars',
  'stars',
  'Director',
  'composer',
  '(played by',
  'co-starring',
];
const GLUE = [',', 'and', 'as', '.', 'is', 'The', 'of', 'the', '&', ')', 'a film', 'with'];

const word = (pool: readonly string[]) => fc.constantFrom(...pool);
/** A person: two or three name words, a particle maybe before the last. */
const person = fc
  .tuple(
    fc.array(word(NAME_WORDS), { minLength: 2, maxLength: 3 }),
    fc.option(word(PARTICLES), { nil: null }),
  )
  .map(([words, particle]) =>
    particle && words.length > 1
      ? [...words.slice(0, -1), particle, words.at(-1)!].join(' ')
      : words.join(' '),
  );
const oneWord = fc.oneof(
  word(TITLE_WORDS),
  word(NOT_NAMES),
  word(NAME_WORDS),
  fc.stringMatching(/^[A-Z][a-z]{1,9}$/),
);
const token = fc.oneof(
  { weight: 3, arbitrary: word(ROLE_PHRASES) },
  { weight: 3, arbitrary: oneWord },
  { weight: 2, arbitrary: person },
  { weight: 4, arbitrary: word(GLUE) },
);
const sentence = fc
  .array(token, { minLength: 1, maxLength: 14 })
  .map((tokens) => tokens.join(' ').replace(/ ([,.)])/g, '$1'));
const paragraph = fc
  .array(sentence, { minLength: 1, maxLength: 4 })
  .map((sentences) => sentences.join(' '));

/** A line of the article's credits list: "Actor as Character" or "Cast: A and B". */
const listLine = fc.oneof(
  fc
    .tuple(fc.oneof(person, word(NAME_WORDS)), person)
    .map(([actor, character]) => ({ names: [actor], text: `${actor} as ${character}` })),
  fc
    .array(fc.oneof(person, word(NAME_WORDS)), { minLength: 1, maxLength: 3 })
    .map((names) => ({ names, text: `Cast: ${names.join(', ')}` })),
);

const article = fc.record({
  prose: fc.array(paragraph, { minLength: 1, maxLength: 4 }),
  list: fc.array(listLine, { maxLength: 4 }),
});

const oneWordName = (name: string) => name.split(' ').length === 1;
const isBareCastLine = (text: string) => text.split(' as ').length === 2 && !/[.,;:()]/.test(text);
/** What the importer reads as a line of a credits list, wherever it stands (credits.ts). */
const isCastListLine = (text: string) =>
  isBareCastLine(text) || (text.length <= 120 && AS_LINE.test(text.trim()));
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('credits read from prose', () => {
  it('are never one word unless the list names it or a "… by" phrase comes before it', () => {
    fc.assert(
      fc.property(article, ({ prose, list }) => {
        const listed = new Set(list.flatMap((line) => line.names));
        const texts: CreditText[] = [
          ...prose.map((text, i) => ({ text, line: false, where: `line ${i + 1}` })),
          ...list.map((line, i) => ({ text: line.text, line: true, where: `line ${i + 50}` })),
        ];
        const all = prose.join('\n');
        for (const credit of findCredits(texts)) {
          expect(credit.name).not.toMatch(/^The\b/);
          if (oneWordName(credit.name) && !listed.has(credit.name))
            expect(all).toMatch(new RegExp(`\\bby ${credit.name.replace(/[.']/g, '\\$&')}\\b`));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('are all marked as guesses, with a sentence that holds the name; list credits are not', () => {
    fc.assert(
      fc.property(article, ({ prose, list }) => {
        const listed = new Set(list.flatMap((line) => line.names));
        const credits = findCredits([
          ...prose.map((text, i) => ({ text, line: false, where: `line ${i + 1}` })),
          ...list.map((line) => ({ text: line.text, line: true, where: 'the list' })),
        ]);
        for (const credit of credits) {
          if (credit.guessedFrom === null) {
            expect(listed).toContain(credit.name);
            continue;
          }
          expect(credit.guessedFrom.where).toMatch(/^line \d+$/);
          const quoted = credit.guessedFrom.sentence.replace(/^…|…$/g, '');
          expect(quoted).toContain(credit.name);
          expect(prose.some((text) => flat(text).includes(quoted))).toBe(true);
        }
        // A name only the prose gives is always a guess.
        for (const credit of credits.filter((c) => !listed.has(c.name)))
          expect(credit.guessedFrom).not.toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it('never credit a title after "Directed by X," or among the cast', () => {
    const title = fc
      .tuple(word(TITLE_WORDS), fc.option(word(TITLE_WORDS), { nil: null }))
      .map(([first, second]) => (second ? `The ${first} of ${second}` : first));
    const template = fc.oneof(
      fc.tuple(person, title).map(([who, what]) => `Directed by ${who}, ${what} is a film.`),
      fc.tuple(person, title).map(([who, what]) => `Written by ${who}, ${what} was a hit.`),
      fc
        .tuple(person, title, person)
        .map(([a, what, b]) => `It stars ${a}, ${what} and ${b}, and it works.`),
      fc.tuple(title, person).map(([what, who]) => `${what}, directed by ${who}, is long.`),
      fc
        .tuple(person, person, title)
        .map(([a, b, what]) => `The film, starring ${a} as ${b}, recalls ${what}.`),
    );
    fc.assert(
      fc.property(fc.array(template, { minLength: 1, maxLength: 4 }), (sentences) => {
        const credits = findCredits([{ text: sentences.join(' '), line: false, where: 'line 1' }]);
        expect(credits.length).toBeGreaterThan(0);
        for (const credit of credits)
          for (const part of credit.name.split(' ')) expect(TITLE_WORDS).not.toContain(part);
      }),
      { numRuns: 300 },
    );
  });
});

describe('an imported article’s guesses', () => {
  it('mark every credit not in the list and every genre, each with a warning; content passes the schema', () => {
    const genreWords = fc.constantFrom(
      'thriller',
      'political drama',
      'war drama',
      'comedy',
      'film',
    );
    fc.assert(
      fc.property(article, genreWords, ({ prose, list }, genre) => {
        // A short paragraph that is "Name as Character", alone or before its description ("(",
        // ":", a dash), is a credits-list line wherever it stands (AS_LINE: the importer takes
        // it as written), so it is not prose here.
        fc.pre(!prose.some(isCastListLine));
        const listed = new Set(list.flatMap((line) => line.names));
        const text = [
          `Escape (2024): a ${genre}`,
          prose[0],
          '',
          'Main Cast',
          ...list.map((line) => `- ${line.text}`),
          '',
          'Direction',
          prose.slice(1).join('\n\n') || 'Nothing more.',
        ].join('\n');
        const { content, guesses, warnings } = importArticle({ text }, { format: 'text' });
        expect(reviewContentSchema.safeParse(content).success).toBe(true);
        const guessed = new Set(guesses.credits.map((guess) => guess.index));
        expect(guessed.size).toBe(guesses.credits.length);
        content.credits.forEach((credit, index) => {
          if (!listed.has(credit.name)) expect(guessed).toContain(index);
        });
        for (const { index, where } of guesses.credits) {
          const credit = content.credits[index]!;
          expect(warnings).toContainEqual({
            what: expect.stringContaining(`credits list: ${credit.name} (`),
            where,
          });
        }
        expect(guesses.genres.map((guess) => guess.index)).toEqual(content.genres.map((_, i) => i));
      }),
      { numRuns: 150 },
    );
  });
});
