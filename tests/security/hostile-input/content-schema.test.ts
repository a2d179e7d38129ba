import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_CONTENT_BYTES,
  reviewContentSchema,
  SLUG_PATTERN,
  type ReviewContent,
} from '../../../lib/content/review-content';
import { containsMarkup } from '../../../lib/text/markup';
import {
  DEPTHS,
  fill,
  HOSTILE_UNITS,
  hostileJson,
  hostileString,
  KB,
  MB,
  NAMED_UNITS,
  nested,
  returnsInTime,
  SHAPES,
} from './hostile';

// The one content schema, fed what a forged save can hold: any JSON, and a complete review with
// one field replaced by hostile text or deeply nested values. safeParse must answer (success, or
// an error with issues) and never throw, in time proportional to the input.

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** A complete review: every field filled, as an editor would save it. */
function fullReview(): ReviewContent {
  return {
    slug: 'escape-2024',
    headline: 'Escape is a tense chase',
    dek: 'A soldier runs for the border.',
    work: {
      title: 'Escape',
      originalTitle: '탈주',
      year: 2024,
      kind: 'film',
      countries: ['KR'],
      languages: ['ko'],
      runtimeMinutes: 94,
    },
    rating: { value: 4, scale: 5 },
    posterMediaId: null,
    genres: [{ name: 'Thriller', slug: 'thriller' }],
    credits: [
      { name: 'Lee Jong-pil', slug: 'lee-jong-pil', role: 'director', character: null },
      { name: 'Lee Je-hoon', slug: 'lee-je-hoon', role: 'cast', character: 'Lim Gyu-nam' },
    ],
    sections: [
      {
        id: randomUUID(),
        kind: 'plot',
        heading: 'Plot',
        spoiler: false,
        body: {
          type: 'doc',
          content: [
            paragraph('He runs.'),
            {
              type: 'paragraph',
              content: [
                {
                  type: 'text',
                  text: 'Read more',
                  marks: [{ type: 'link', attrs: { href: 'https://example.com/escape' } }],
                },
              ],
            },
          ],
        },
      },
    ],
  };
}

type Review = ReturnType<typeof fullReview>;
type Setter = (review: Review, value: unknown) => void;
const set = <T>(apply: (review: Review, value: T) => void): Setter => apply as Setter;

/** Every place a forged save can put a hostile value. */
const FIELDS: ReadonlyArray<readonly [string, Setter]> = [
  ['slug', set((r, v: string) => (r.slug = v))],
  ['headline', set((r, v: string) => (r.headline = v))],
  ['dek', set((r, v: string) => (r.dek = v))],
  ['work.title', set((r, v: string) => (r.work.title = v))],
  ['work.originalTitle', set((r, v: string) => (r.work.originalTitle = v))],
  ['work.countries', set((r, v: string) => (r.work.countries = [v]))],
  ['work.languages', set((r, v: string) => (r.work.languages = [v]))],
  ['work.year', set((r, v: number) => (r.work.year = v))],
  ['work.kind', set((r, v: 'film') => (r.work.kind = v))],
  ['rating.value', set((r, v: number) => (r.rating = { value: v, scale: 5 }))],
  ['genres.name', set((r, v: string) => (r.genres[0]!.name = v))],
  ['genres.slug', set((r, v: string) => (r.genres[0]!.slug = v))],
  ['credits.name', set((r, v: string) => (r.credits[1]!.name = v))],
  ['credits.slug', set((r, v: string) => (r.credits[1]!.slug = v))],
  ['credits.role', set((r, v: 'cast') => (r.credits[1]!.role = v))],
  ['credits.character', set((r, v: string) => (r.credits[1]!.character = v))],
  ['sections.id', set((r, v: string) => (r.sections[0]!.id = v))],
  ['sections.heading', set((r, v: string) => (r.sections[0]!.heading = v))],
  ['sections.kind', set((r, v: 'plot') => (r.sections[0]!.kind = v))],
  ['sections.body', set((r, v: never) => (r.sections[0]!.body = v))],
  [
    'sections.body text',
    set((r, v: string) => (r.sections[0]!.body = { type: 'doc', content: [paragraph(v)] })),
  ],
  [
    'sections.body link',
    set(
      (r, v: string) =>
        (r.sections[0]!.body = {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: v } }] }],
            },
          ],
        }),
    ),
  ],
  ['an extra key', set((r, v: unknown) => Object.assign(r, { extra: v }))],
];

const ONE_MB_FIELDS = new Set([
  'slug',
  'headline',
  'work.countries',
  'work.languages',
  'work.kind',
  'credits.character',
  'sections.id',
  'sections.body',
  'sections.body text',
  'sections.body link',
  'an extra key',
]);

const PLAIN_TEXT = (data: ReviewContent): string[] => [
  data.headline,
  data.dek,
  data.work.title,
  data.work.originalTitle ?? '',
  ...data.genres.map((genre) => genre.name),
  ...data.credits.flatMap((credit) => [credit.name, credit.character ?? '']),
  ...data.sections.map((section) => section.heading),
];

/** safeParse answers in time; whatever it accepts is clean and parses again to itself. */
function checkParse(label: string, input: unknown, size: number) {
  const result = returnsInTime(label, size, () => reviewContentSchema.safeParse(input));
  if (!result.success) {
    expect(result.error.issues.length).toBeGreaterThan(0);
    for (const issue of result.error.issues) expect(typeof issue.message).toBe('string');
    return result;
  }
  const data = result.data;
  for (const text of PLAIN_TEXT(data)) {
    expect(containsMarkup(text)).toBe(false);
    expect(text).toBe(text.trim());
  }
  for (const slug of [
    data.slug,
    ...data.genres.map((g) => g.slug),
    ...data.credits.map((c) => c.slug),
  ])
    expect(slug).toMatch(SLUG_PATTERN);
  expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThanOrEqual(MAX_CONTENT_BYTES);
  const again = reviewContentSchema.safeParse(data);
  expect(again.success, `${label}: what was accepted is refused when saved again`).toBe(true);
  if (again.success) expect(again.data).toEqual(data);
  return result;
}

describe('reviewContentSchema on hostile input', () => {
  it('accepts the complete review it is tested around', () => {
    expect(checkParse('the full review', fullReview(), 1).success).toBe(true);
  });

  it('answers any JSON value without throwing', () => {
    fc.assert(
      fc.property(hostileJson, (json) => {
        checkParse('arbitrary JSON', json, JSON.stringify(json)?.length ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  it('answers a review with any one field replaced by hostile text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS),
        fc.oneof(hostileString(), hostileJson),
        ([, put], value) => {
          const review = fullReview();
          put(review, value);
          checkParse('hostile field', review, JSON.stringify(value)?.length ?? 0);
        },
      ),
      { numRuns: 400 },
    );
  });

  describe.each(FIELDS.filter(([name]) => name !== 'work.year' && name !== 'rating.value'))(
    '%s',
    (name, put) => {
      // At 1 MB, one field of each kind (the others share its schema).
      const sizes = ONE_MB_FIELDS.has(name) ? [100 * KB, MB] : [100 * KB];
      it.each(sizes)('holding %d characters of each hostile shape', (size) => {
        for (const [shape, unit] of size === MB ? NAMED_UNITS : HOSTILE_UNITS) {
          const review = fullReview();
          put(review, fill(unit, size));
          checkParse(`${name}: ${shape}`, review, size);
        }
      });

      it.each(DEPTHS)('holding values nested %d deep', (depth) => {
        for (const shape of SHAPES) {
          const review = fullReview();
          put(review, nested(depth, shape));
          checkParse(`${name}: ${shape} ${depth} deep`, review, depth * 10);
        }
      });
    },
  );

  it.each(DEPTHS)('answers a whole input nested %d deep', (depth) => {
    for (const shape of SHAPES) checkParse(`${shape} ${depth} deep`, nested(depth, shape), depth);
  });

  it('answers a review whose every text field is 1 MB at once', () => {
    const review = fullReview();
    for (const [name, put] of FIELDS) {
      if (!name.startsWith('sections.body') && name !== 'work.year' && name !== 'rating.value')
        put(review, fill('<a', MB));
    }
    expect(checkParse('every field 1 MB', review, 10 * MB).success).toBe(false);
  });
});

describe('reviewContentSchema regressions', () => {
  it('refuses 80 KB of "<a" in a plain-text field quickly (the markup check took 9 s)', () => {
    for (const [name, put] of FIELDS.filter(([n]) =>
      ['headline', 'dek', 'work.title', 'credits.name', 'sections.heading', 'genres.name'].includes(
        n,
      ),
    )) {
      const review = fullReview();
      put(review, '<a'.repeat(40 * KB));
      const result = checkParse(name, review, 80 * KB);
      expect(result.success).toBe(false);
    }
    // Within the length limit the markup check itself runs: a tag is refused, "<a" without a
    // closing ">" is not a tag.
    // The markup check itself, on what the length check keeps from it.
    returnsInTime('containsMarkup', 80 * KB, () => containsMarkup('<a'.repeat(40 * KB)));
    const tagged = fullReview();
    tagged.dek = `${'<a'.repeat(450)}>`;
    expect(checkParse('dek with a tag', tagged, 901).success).toBe(false);
    const untagged = fullReview();
    untagged.dek = '<a'.repeat(450);
    expect(checkParse('dek of "<a"', untagged, 900).success).toBe(true);
  });

  it('stores a country typed as a name as its code (a name used to throw a RangeError)', () => {
    const review = fullReview();
    review.work.countries = ['United States', 'south korea'];
    const result = checkParse('country names', review, 30);
    expect(result.success && result.data.work.countries).toEqual(['US', 'KR']);
  });

  it('refuses an unknown language with a message, never a RangeError', () => {
    for (const language of ['e', '', 'en-US', 'x'.repeat(MB), '\ud800', 'e\u0301', 'und', 'root']) {
      const review = fullReview();
      review.work.languages = [language];
      const result = checkParse(
        `language ${JSON.stringify(language.slice(0, 8))}`,
        review,
        language.length,
      );
      expect(result.success).toBe(false);
      if (!result.success)
        expect(result.error.issues.map((issue) => issue.path.join('.'))).toContain(
          'work.languages',
        );
    }
  });
});
