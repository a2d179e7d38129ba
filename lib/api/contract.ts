import { z } from 'zod';
import type { MergeConflict } from '../content/merge';
import { reviewContentSchema, type ReviewContent } from '../content/review-content';
import { maxLength } from '../text/too-long';

// The JSON routes under app/api, as zod schemas that both sides use: the routes parse what
// they are sent with the request schemas and type what they answer with the response types;
// the editor parses every answer with the response schemas, so an answer that is not what
// this file says is a failure it can show, never a crash.

// ——— Shared answers ———

/** Field errors keyed by field or content path ("slug", "work.year", "sections.2.body"). */
export const fieldErrorsSchema = z.record(z.string(), z.array(z.string()));

/** Every refusal (401, 403, 404, 413, 415, 429 and the rest): a message for the person. */
export const refusalSchema = z.object({ message: z.string() });
export type RefusalBody = z.infer<typeof refusalSchema>;

/** 400: what to correct, by field when the server could tell which. */
export const invalidSchema = refusalSchema.extend({ errors: fieldErrorsSchema.optional() });
export type InvalidBody = z.infer<typeof invalidSchema>;

/**
 * Content the server sends back was checked when it was saved, under the rules of its day (an
 * old version may not pass today's): here it is only required to be an object.
 */
const storedContentSchema = z.custom<ReviewContent>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'Expected a review’s content.',
);

const versionSchema = z.number().int().min(1);

// ——— /api/reviews/:id/revisions ———

export const SAVE_KINDS = ['autosave', 'save'] as const;
export type SaveKind = (typeof SAVE_KINDS)[number];

/** POST: the editor's content, saved as a new revision on top of `baseVersion`. */
export const saveRequestSchema = z.object({
  baseVersion: versionSchema,
  kind: z.enum(SAVE_KINDS),
  message: z
    .string()
    .trim()
    .max(500, maxLength(500))
    .nullish()
    .transform((value) => value || null),
  content: reviewContentSchema,
});
/** What the editor sends: its content as typed (the server checks it). */
export type SaveBody = Omit<z.input<typeof saveRequestSchema>, 'content'> & {
  content: ReviewContent;
};

/** POST 200, sent once the transaction has committed: `content` is what is now saved. */
export const savedSchema = z.object({
  status: z.literal('saved'),
  version: versionSchema,
  /** Someone else's changes were merged in: the editor should show `content`. */
  merged: z.boolean(),
  content: storedContentSchema,
});
export type SavedBody = z.infer<typeof savedSchema>;

/** POST 409: someone else changed the same thing; nothing was written. */
export const conflictSchema = z.object({
  status: z.literal('conflict'),
  message: z.string(),
  /** Their newest version, which a resolved save names as its base. */
  version: versionSchema,
  theirs: storedContentSchema,
  merged: storedContentSchema,
  conflicts: z.array(
    z.custom<MergeConflict>((value) => typeof value === 'object' && value !== null),
  ),
});
export type ConflictBody = z.infer<typeof conflictSchema>;

/** GET 200: the newest version. */
export const headSchema = z.object({ version: versionSchema, content: storedContentSchema });
export type HeadBody = z.infer<typeof headSchema>;

// ——— /api/reviews/:id/publish ———

/** POST 200. A 422 is a refusal with `missing`, what the review still needs. */
export const publishedSchema = z.object({ status: z.literal('published'), version: versionSchema });
export type PublishedBody = z.infer<typeof publishedSchema>;
export const notPublishableSchema = refusalSchema.extend({ missing: z.array(z.string()) });
export type NotPublishableBody = z.infer<typeof notPublishableSchema>;

// ——— /api/reviews/:id/presence ———

/** POST 200, the heartbeat: who else has the review open, and its newest version. */
export const presenceSchema = z.object({
  editors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  version: versionSchema,
});
export type PresenceBody = z.infer<typeof presenceSchema>;

/** DELETE 200: the caller closed the review. */
export const leftSchema = z.object({ status: z.literal('left') });

// ——— /api/media ———

/** GET ?page=n: a nonsensical page number is the first page, not an error. */
export const mediaQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** GET 200: a page of the library, newest first, for the editor's image picker. */
export const mediaPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      width: z.number().int(),
      height: z.number().int(),
      alt: z.string(),
      originalName: z.string(),
    }),
  ),
  hasNext: z.boolean(),
});
export type MediaPageBody = z.infer<typeof mediaPageSchema>;

/** POST 200: the image as the library now holds it. */
export const uploadedSchema = mediaPageSchema.shape.items.element;
export type UploadedBody = z.infer<typeof uploadedSchema>;
