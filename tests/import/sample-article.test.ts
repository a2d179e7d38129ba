import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { reviewContentSchema } from '../../lib/content/review-content';
import { importArticle, importSummary } from '../../lib/import';

/** Every string inside a value, however deeply nested. */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

/** What is left of broken encodings: lost-byte Greek leads, Windows-1252 and Latin-1 pairs. */
const MOJIBAKE = /[βπ¬₯Ί\uFFFD\u0080-\u009f]|Ã.|Â.|â€|ðŸ|Î.|Ï./u;

const sample = readSampleArticle();

describe('importing the sample article', () => {
  const bytes = new Uint8Array(fs.readFileSync(path.join('db', 'seed', 'escape-2024.txt')));
  const result = importArticle({ bytes, fileName: 'escape-2024.txt' });
  const { content } = result;

  it('reads it as plain text and passes the content schema', () => {
    expect(result.format).toBe('text');
    expect(reviewContentSchema.safeParse(content).success).toBe(true);
  });

  it('finds the eight sections, with the right kinds and headings in order', () => {
    expect(content.sections.map((section) => [section.kind, section.heading])).toEqual([
      ['plot', 'Plot Summary'],
      ['cast', 'Main Cast and Performances'],
      ['direction', 'Direction and Cinematic Style'],
      ['themes', 'Themes and Symbolism'],
      ['reception', 'Critical Reception and Awards'],
      ['relevance', 'Cultural and Global Relevance'],
      ['availability', 'Availability and Distribution'],
      ['verdict', 'Final Thoughts'],
    ]);
    expect(content.sections.every((section) => !section.spoiler)).toBe(true);
  });

  it('finds the headline, the dek, the work and its genres', () => {
    expect(content.headline).toBe(
      '“Escape” (2024): A Gripping Tale of Freedom, Brotherhood, and Survival',
    );
    expect(content.dek).toMatch(/^Escape \(2024\), directed by Lee Jong-pil, is a tense/);
    expect(content.work).toMatchObject({ title: 'Escape', year: 2024, kind: 'film' });
    expect(content.genres.map((genre) => genre.name)).toEqual(['Thriller', 'Political drama']);
    expect(content.slug).toBe('escape-2024');
  });

  it('finds the director, the three cast members with their characters, and the crew', () => {
    expect(content.credits.map(({ name, role, character }) => ({ name, role, character }))).toEqual(
      [
        { name: 'Lee Jong-pil', role: 'director', character: null },
        { name: 'Lee Je-hoon', role: 'cast', character: 'Lim Gyu-nam' },
        { name: 'Koo Kyo-hwan', role: 'cast', character: 'Major Ri Hyun-sang' },
        { name: 'Hong Xa-bin', role: 'cast', character: 'Kim Dong-hyuk' },
        { name: 'Kim Seung-an', role: 'cinematographer', character: null },
        { name: 'Lee Seung-bin', role: 'cinematographer', character: null },
        { name: 'Dalpalan', role: 'composer', character: null },
      ],
    );
  });

  it('marks the credits read from sentences and the genres as guesses, not the cast list', () => {
    const guessed = (guesses: typeof result.guesses.credits) =>
      guesses.map(({ index, where }) => [index, where]);
    // The director, the cinematographers and the composer are read from sentences; the three
    // cast members from the "Actor as Character" list.
    expect(guessed(result.guesses.credits)).toEqual([
      [0, 'the dek'],
      [4, 'line 20'],
      [5, 'line 20'],
      [6, 'line 21'],
    ]);
    expect(result.guesses.credits[3]!.from).toMatch(/^The haunting score by Dalpalan \(known/);
    expect(guessed(result.guesses.genres)).toEqual([
      [0, 'the label above the headline'],
      [1, 'the dek'],
    ]);
    // Each guess is also a warning naming it and the sentence it came from.
    for (const { index, from, where } of result.guesses.credits) {
      const credit = content.credits[index]!;
      expect(result.warnings).toContainEqual({
        what: expect.stringMatching(
          new RegExp(`^Guessed from the text, not a credits list: ${credit.name} \\(`),
        ),
        where,
      });
      expect(result.warnings.find((w) => w.what.includes(`: ${credit.name} (`))?.what).toContain(
        `“${from}”`,
      );
    }
    expect(result.warnings).toContainEqual({
      what: expect.stringContaining('the genre Political drama, from “Escape (2024), directed by'),
      where: 'the dek',
    });
    expect(result.warnings.filter((w) => w.what.startsWith('Guessed from the text'))).toHaveLength(
      6,
    );
  });

  it('leaves no β, π or other mojibake anywhere, and restores “Gyu-nam’s”', () => {
    const strings = allStrings(content);
    expect(strings.length).toBeGreaterThan(50);
    for (const text of strings) expect(text).not.toMatch(MOJIBAKE);
    const words = strings.join('\n');
    expect(words).toContain('Gyu-nam’s');
    expect(words).toContain('a soldier who’s lost faith in his nation.');
    expect(words).toContain(
      'Nature itself becomes a character — vast, indifferent, and treacherous.',
    );
  });

  it('lists every repair and guess, with where it was made', () => {
    const repairs = result.warnings.filter((w) => w.what.startsWith('Repaired'));
    const emoji = result.warnings.filter((w) => w.what.startsWith('Dropped'));
    expect(emoji.map((w) => w.where)).toEqual(
      ['6', '12', '17', '23', '29', '36', '39', '42'].map((line) => `line ${line}`),
    );
    // Every β of the article is one repair (the same one on a line is listed once, counted).
    const listed = repairs.reduce(
      (sum, w) => sum + Number(/, (\d+) times\)$/.exec(w.what)?.[1] ?? 1),
      0,
    );
    expect(listed).toBe(sample.match(/β/g)?.length);
    expect(result.warnings).toContainEqual({
      what: expect.stringContaining('“ESCAPE (2024) Top Thriller Movie” as a label'),
      where: 'line 1',
    });
  });

  it('keeps the bullet lists, each cast member with the paragraph about them', () => {
    const cast = content.sections[1]!.body;
    expect(cast.content?.map((node) => node.type)).toEqual(['bulletList']);
    expect(cast.content?.[0]?.content?.map((item) => item.content?.length)).toEqual([2, 2, 2]);
    const themes = content.sections[3]!.body;
    expect(themes.content?.map((node) => node.type)).toEqual(['paragraph', 'bulletList']);
    const plot = content.sections[0]!.body;
    expect(plot.content?.filter((node) => node.type === 'paragraph')).toHaveLength(4);
  });

  it('prints the shape the CLI promises', () => {
    const summary = importSummary(result);
    expect(Object.keys(summary)).toEqual([
      'headline',
      'dek',
      'work',
      'credits',
      'genres',
      'sections',
      'warnings',
    ]);
    expect(summary.work).toEqual({ title: 'Escape', year: 2024, kind: 'film' });
    expect(summary.credits[1]).toEqual({
      name: 'Lee Je-hoon',
      role: 'cast',
      character: 'Lim Gyu-nam',
    });
    expect(summary.genres).toEqual(['Thriller', 'Political drama']);
    expect(summary.sections[1]).toMatchObject({
      kind: 'cast',
      heading: 'Main Cast and Performances',
      spoiler: false,
      text: expect.stringMatching(/^- Lee Je-hoon as Lim Gyu-nam\n {2}Lee delivers/),
      body: { type: 'doc' },
    });
  });

  it('reads the same from pasted text as from the file', () => {
    const pasted = importArticle({ text: sample });
    // Section ids are new on every import.
    const strip = (c: typeof content) => ({
      ...c,
      sections: c.sections.map((section) => ({ ...section, id: '' })),
    });
    expect(strip(pasted.content)).toEqual(strip(content));
  });
});

describe('the seed', () => {
  it('is the imported sample with the facts the article does not state', () => {
    const seeded = buildSampleReview(sample);
    expect(seeded.headline).toBe(
      'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival',
    );
    expect(seeded.work.countries).toEqual(['KR']);
    expect(seeded.work.languages).toEqual(['ko']);
    for (const text of allStrings(seeded)) expect(text).not.toMatch(MOJIBAKE);
  });
});
