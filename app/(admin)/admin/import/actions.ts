'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AuthError } from '@/db/auth/current-user';
import { refusedCaller } from '@/lib/action-errors';
import { importReview, previewImport } from '@/db/reviews/import';
import { RateLimitedError } from '@/db/reviews/errors';
import { UserInputError } from '@/db/users/records';
import { reviewContentSchema } from '@/lib/content/review-content';
import { contentFieldErrors, errorState, type FormState } from '@/lib/forms';
import { ImportInputError } from '@/lib/import';
import { ARTICLE_EXTENSIONS, IMPORT_FORMATS, MAX_ARTICLE_BYTES } from '@/lib/import/types';
import { FORMAT_LABELS, type PreviewState } from './_lib/import-state';

// The import page's Server Actions. They are public POST endpoints: each reads only the fields
// its zod schema names and leaves the permission decision to the data layer
// (db/reviews/import.ts), which both calls check.

const formatSchema = z.enum(['auto', ...IMPORT_FORMATS], 'Choose a format.');

const previewSchema = z.object({
  format: formatSchema,
  // Counted in characters here; the importer checks the 2 MB in bytes.
  text: z.string().max(MAX_ARTICLE_BYTES, 'The article is larger than 2 MB.'),
  file: z
    .instanceof(File)
    .nullable()
    .refine(
      (file) => file === null || file.size <= MAX_ARTICLE_BYTES,
      'The file is larger than 2 MB.',
    )
    .refine(
      (file) =>
        file === null ||
        ARTICLE_EXTENSIONS.some((extension) => file.name.toLowerCase().endsWith(extension)),
      'Choose a .txt, .md or .html file.',
    ),
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Step 1: reads the pasted text or the uploaded file and returns what was detected. */
export async function previewImportAction(
  _previous: PreviewState,
  formData: FormData,
): Promise<PreviewState> {
  const refused = await refusedCaller('review:create');
  if (refused) return refused;
  const rawFile = formData.get('file');
  const file = rawFile instanceof File && rawFile.size > 0 ? rawFile : null;
  const rawText = formData.get('text');
  const parsed = previewSchema.safeParse({
    format: formData.get('format') ?? 'auto',
    text: typeof rawText === 'string' ? rawText : '',
    file,
  });
  if (!parsed.success) {
    return {
      status: 'error',
      message: 'Please correct the highlighted fields.',
      errors: z.flattenError(parsed.error).fieldErrors,
    };
  }
  const { format, text } = parsed.data;
  if (!file && text.trim() === '') {
    return errorState('Paste an article or choose a file to import.', undefined, 'text');
  }
  try {
    const input = file
      ? { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name }
      : { text };
    const result = await previewImport(input, { format });
    const { content, warnings, guesses } = result;
    return {
      status: 'success',
      message: `Read as ${FORMAT_LABELS[result.format]}: ${plural(content.sections.length, 'section', 'sections')}, ${plural(content.credits.length, 'credit', 'credits')}, ${plural(warnings.length, 'thing', 'things')} to check. Correct anything below, then create the draft.`,
      preview: {
        id: randomUUID(),
        content,
        warnings,
        guesses,
        format: result.format,
        source: file ? file.name.slice(0, 200) : 'pasted text',
      },
    };
  } catch (error) {
    if (error instanceof AuthError) return errorState(error.message);
    if (error instanceof ImportInputError)
      return errorState(error.message, undefined, file ? 'file' : 'text');
    throw error;
  }
}

const createSchema = z.object({
  content: reviewContentSchema,
  source: z.string().trim().min(1).max(200).catch('pasted text'),
  format: z.enum(IMPORT_FORMATS).catch('text'),
  warnings: z.coerce.number().int().min(0).max(100_000).catch(0),
  slugChosen: z.enum(['true', 'false']).catch('false'),
});

/**
 * Step 2: creates a draft from the corrected preview (the whole content, checked with the
 * content schema like any save) and opens it in the editor. Nothing is published.
 */
export async function createImportedDraftAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const refused = await refusedCaller('review:create');
  if (refused) return refused;
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  let content: unknown;
  try {
    content = JSON.parse(field('content'));
  } catch {
    return errorState('The preview could not be read: preview the article again.');
  }
  const parsed = createSchema.safeParse({
    content,
    source: field('source'),
    format: field('format'),
    warnings: field('warnings'),
    slugChosen: field('slugChosen'),
  });
  if (!parsed.success) {
    return {
      status: 'error',
      message: 'The draft was not created: correct the highlighted fields.',
      errors: contentFieldErrors(parsed.error),
    };
  }
  const { source, format, warnings, slugChosen } = parsed.data;
  let id: number;
  try {
    ({ id } = await importReview(parsed.data.content, {
      source: { name: source, format, warnings },
      slugChosen: slugChosen === 'true',
    }));
  } catch (error) {
    if (error instanceof AuthError || error instanceof RateLimitedError)
      return errorState(error.message);
    if (error instanceof UserInputError) return errorState(error.message, undefined, error.field);
    throw error;
  }
  redirect(`/admin/reviews/${id}`);
}
