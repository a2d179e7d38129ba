import { z } from 'zod';
import { containsMarkup } from '../text/markup';
import { maxLength, tooLong } from '../text/too-long';
import { codesOf, countryName, languageName } from './locale-codes';
import { RATING_SCALE, RATING_STEP } from './rating';
import { validateRichText } from './rich-text/validate';
import { CREDIT_ROLES, SECTION_KINDS, WORK_KINDS } from './vocabulary';

// The one content schema: the shape of a review's editable content, as stored in every
// revision and as accepted from the editor. Publishing projects it into the reader tables.

/**
 * Plain text fields hold words, not markup: anything that looks like an HTML tag is refused
 * with a clear message (it would be shown escaped anyway, never run). The length is checked
 * first and stops the checks after it, so no pattern ever runs on an over-long value.
 */
function plainText(max: number, required?: string) {
  const base = z.string().trim();
  return (required ? base.min(1, required) : base)
    .max(max, maxLength(max))
    .refine(
      (value) => !containsMarkup(value),
      'Remove the HTML markup (<…>): this field takes plain text.',
    );
}

export { tooLong };

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugSchema = z
  .string()
  .trim()
  .min(1, 'Enter a slug.')
  .max(120, maxLength(120))
  .regex(SLUG_PATTERN, 'Use lowercase letters, digits and single hyphens only.');

/**
 * Countries and languages as ISO codes; unambiguous English names are accepted and stored as
 * their codes ("South Korea" → KR, "Korean" → ko). Several unknown entries get one message
 * naming each, on the list's own field.
 */
function codeListSchema(kind: 'country' | 'language') {
  return z
    .array(z.string())
    .max(30, `List at most 30 ${kind === 'country' ? 'countries' : 'languages'}.`)
    .transform((list, ctx) => {
      const found = codesOf(list, kind);
      if ('codes' in found) return found.codes;
      ctx.addIssue({ code: 'custom', message: found.error });
      return z.NEVER;
    });
}

export { countryName, languageName };

const personNameSchema = plainText(200, 'Enter a name.');

export const richTextBodySchema = z.unknown().transform((value, ctx) => {
  const result = validateRichText(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.doc;
});

/**
 * A section. Its heading may be empty only when it is the review's first section: the opening
 * (lead) that an article has before its first heading, shown without a heading the author never
 * wrote. The list schema below enforces the "first only" part.
 */
export const sectionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(SECTION_KINDS),
  heading: plainText(200),
  spoiler: z.boolean(),
  body: richTextBodySchema,
});

export const SECTION_HEADING_REQUIRED = 'Give the section a heading.';

export const creditSchema = z
  .object({
    name: personNameSchema,
    slug: slugSchema,
    role: z.enum(CREDIT_ROLES),
    character: plainText(200).nullable(),
  })
  .refine((credit) => credit.role === 'cast' || credit.character === null, {
    message: 'Only cast credits have a character.',
    path: ['character'],
  });

export const genreRefSchema = z.object({
  name: plainText(80, 'Enter a genre.'),
  slug: slugSchema,
});

export const ratingSchema = z.object({
  value: z
    .number('Enter a rating.')
    .min(0, 'A rating is at least 0.')
    .max(RATING_SCALE, `A rating is at most ${RATING_SCALE}.`)
    .refine((value) => Number.isInteger(value / RATING_STEP), `Use steps of ${RATING_STEP}.`),
  scale: z.literal(RATING_SCALE),
});

export const workSchema = z.object({
  title: plainText(300),
  originalTitle: plainText(300).nullable(),
  year: z
    .number()
    .int('Enter a whole year.')
    .min(1870, 'Enter a year from 1870 on.')
    .max(2100, 'Enter a year before 2100.')
    .nullable(),
  kind: z.enum(WORK_KINDS),
  countries: codeListSchema('country'),
  languages: codeListSchema('language'),
  runtimeMinutes: z
    .number()
    .int('Enter whole minutes.')
    .min(1, 'Enter the runtime in minutes.')
    .max(10_000, 'That runtime is too long.')
    .nullable(),
});

/**
 * The most a revision may store, as JSON: the sample review is 30 KB, a long feature 200 KB.
 * Every save stores a whole revision, so this bounds what one save can cost the database.
 */
export const MAX_CONTENT_BYTES = 1024 * 1024;

const utf8 = new TextEncoder();
const jsonBytes = (value: unknown) => utf8.encode(JSON.stringify(value)).byteLength;
const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Everything an editor can change in a review; a draft may leave text fields empty. */
export const reviewContentSchema = z
  .object({
    slug: slugSchema,
    headline: plainText(300),
    dek: plainText(1000),
    work: workSchema,
    rating: ratingSchema.nullable(),
    posterMediaId: z.number().int().positive().nullable(),
    genres: z
      .array(genreRefSchema)
      .max(30)
      .refine(
        (list) => new Set(list.map((g) => g.slug)).size === list.length,
        'Each genre can be listed once.',
      ),
    credits: z.array(creditSchema).max(500),
    sections: z
      .array(sectionSchema)
      .max(60)
      .refine(
        (list) => new Set(list.map((s) => s.id)).size === list.length,
        'Section ids must be unique.',
      )
      .check((ctx) => {
        ctx.value.forEach((section, index) => {
          if (index > 0 && section.heading === '')
            ctx.issues.push({
              code: 'custom',
              input: section.heading,
              path: [index, 'heading'],
              message: SECTION_HEADING_REQUIRED,
            });
        });
      }),
  })
  .check((ctx) => {
    const bytes = jsonBytes(ctx.value);
    if (bytes > MAX_CONTENT_BYTES)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `This review is ${megabytes(bytes)}; a review holds at most ${megabytes(MAX_CONTENT_BYTES)}. Remove pasted material or split it into two reviews.`,
      });
  });

export type ReviewContent = z.infer<typeof reviewContentSchema>;
export type ReviewSection = ReviewContent['sections'][number];
export type ReviewCredit = ReviewContent['credits'][number];
