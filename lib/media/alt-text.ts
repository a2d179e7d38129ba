import { z } from 'zod';
import { containsMarkup } from '../text/markup';
import { maxLength } from '../text/too-long';
import { MAX_ALT_LENGTH } from './constants';

// The suggested alt text stored with an image (media.alt): what the editor offers when the
// image is put in a review, where each use then carries its own. Plain text, one line, at most
// MAX_ALT_LENGTH characters. The length is checked first and stops the checks after it, so
// no pattern runs on an over-long value (lib/content/review-content.ts does the same).

export const ALT_REQUIRED =
  'Enter the alt text: what the image shows, for readers who cannot see it.';
export const ALT_MARKUP = 'Remove the HTML markup (<…>): alt text is plain text.';

/** Runs of whitespace (line breaks a forged post could send) become one space. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ');
}

function altText(required: boolean) {
  const base = z.string().trim();
  return (required ? base.min(1, ALT_REQUIRED) : base)
    .max(MAX_ALT_LENGTH, maxLength(MAX_ALT_LENGTH))
    .refine((value) => !containsMarkup(value), ALT_MARKUP)
    .transform(oneLine);
}

/** Alt text typed for an image already in the library: required. */
export const altTextSchema = altText(true);

/** Alt text given with an upload: may be left empty. */
export const uploadAltTextSchema = altText(false);

/** The first message of a failed parse, for a single field. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? ALT_REQUIRED;
}
