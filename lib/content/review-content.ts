import { z } from 'zod';
import { validateRichText } from './rich-text/validate';
import { CREDIT_ROLES, SECTION_KINDS, WORK_KINDS } from './vocabulary';

// The one content schema: the shape of a review's editable content, as stored in every
// revision and as accepted from the editor. Publishing projects it into the reader tables.

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugSchema = z
  .string()
  .trim()
  .min(1, 'Enter a slug.')
  .max(120, 'Keep the slug under 120 characters.')
  .regex(SLUG_PATTERN, 'Use lowercase letters, digits and single hyphens only.');

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Use two-letter country codes such as KR.')
  .refine((code) => regionNames.of(code) !== undefined, 'Unknown country code.');

const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'Use language codes such as ko.')
  .refine((code) => languageNames.of(code) !== undefined, 'Unknown language code.');

/** Name for display of an ISO country code ("KR" → "South Korea"). */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}

/** Name for display of an ISO language code ("ko" → "Korean"). */
export function languageName(code: string): string {
  return languageNames.of(code) ?? code;
}

const personNameSchema = z.string().trim().min(1, 'Enter a name.').max(200);

export const richTextBodySchema = z.unknown().transform((value, ctx) => {
  const result = validateRichText(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.doc;
});

export const sectionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(SECTION_KINDS),
  heading: z.string().trim().min(1, 'Give the section a heading.').max(200),
  spoiler: z.boolean(),
  body: richTextBodySchema,
});

export const creditSchema = z
  .object({
    name: personNameSchema,
    slug: slugSchema,
    role: z.enum(CREDIT_ROLES),
    character: z.string().trim().max(200).nullable(),
  })
  .refine((credit) => credit.role === 'cast' || credit.character === null, {
    message: 'Only cast credits have a character.',
    path: ['character'],
  });

export const genreRefSchema = z.object({
  name: z.string().trim().min(1).max(80),
  slug: slugSchema,
});

export const ratingSchema = z
  .object({
    value: z.number().min(0),
    scale: z.number().int().positive().max(100),
  })
  .refine((rating) => rating.value <= rating.scale, {
    message: 'The rating cannot exceed its scale.',
    path: ['value'],
  });

export const workSchema = z.object({
  title: z.string().trim().max(300),
  originalTitle: z.string().trim().max(300).nullable(),
  year: z.number().int().min(1870).max(2100).nullable(),
  kind: z.enum(WORK_KINDS),
  countries: z.array(countryCodeSchema).max(30),
  languages: z.array(languageCodeSchema).max(30),
  runtimeMinutes: z.number().int().min(1).max(10_000).nullable(),
});

/** Everything an editor can change in a review; a draft may leave text fields empty. */
export const reviewContentSchema = z.object({
  slug: slugSchema,
  headline: z.string().trim().max(300),
  dek: z.string().trim().max(1000),
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
    ),
});

export type ReviewContent = z.infer<typeof reviewContentSchema>;
export type ReviewSection = ReviewContent['sections'][number];
export type ReviewCredit = ReviewContent['credits'][number];

/** What publishing additionally requires: a reader-facing review needs these filled in. */
export const publishableReviewSchema = reviewContentSchema.extend({
  headline: z.string().trim().min(1, 'Enter a headline before publishing.').max(300),
  work: workSchema.extend({
    title: z.string().trim().min(1, 'Enter the title of the work before publishing.').max(300),
  }),
  sections: reviewContentSchema.shape.sections.refine(
    (list) => list.length > 0,
    'A published review needs at least one section.',
  ),
});
