'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requirePermission } from '@/db/auth/current-user';
import { importReview, previewImport } from '@/db/reviews/import-article';
import { failure, type ActionResult, type ActionState } from '@/lib/action-result';
import { reviewContentSchema } from '@/lib/content/review-content';
import { refusalOf, settle } from '@/lib/errors/action-failure';
import { contentFieldErrors } from '@/lib/forms';
import { ARTICLE_EXTENSIONS, IMPORT_FORMATS, MAX_ARTICLE_BYTES } from '@/lib/import/types';
import { FORMAT_LABELS, type PreviewResult } from './_lib/import-state';

// The import page's Server Actions. They are public POST endpoints: each reads only the fields
// its zod schema names and leaves the permission decision to the data layer
// (db/reviews/import-article.ts), which both calls check.

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

/** Who is asking, before a form is read: a stranger's article is never parsed. */
const refusedCaller = () => refusalOf(() => requirePermission('review:create'));

/** Step 1: reads the pasted text or the uploaded file and returns what was detected. */
export async function previewImportAction(
  _previous: ActionState,
  formData: FormData,
): Promise<PreviewResult> {
  const refused = await refusedCaller();
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
      ok: false,
      message: 'Please correct the highlighted fields.',
      errors: z.flattenError(parsed.error).fieldErrors,
    };
  }
  const { format, text } = parsed.data;
  if (!file && text.trim() === '') {
    return failure('Paste an article or choose a file to import.', { field: 'text' });
  }
  // An article the importer refuses is told next to what was sent: the file or the text.
  return settle(
    async (): Promise<PreviewResult> => {
      const input = file
        ? { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name }
        : { text };
      const result = await previewImport(input, { format });
      const { content, warnings, guesses } = result;
      return {
        ok: true,
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
    },
    { field: file ? 'file' : 'text' },
  );
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
  _previous: ActionState,
  formData: FormData,
): Promise<ActionResult> {
  const refused = await refusedCaller();
  if (refused) return refused;
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  let content: unknown;
  try {
    content = JSON.parse(field('content'));
  } catch {
    return failure('The preview could not be read: preview the article again.');
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
      ok: false,
      message: 'The draft was not created: correct the highlighted fields.',
      errors: contentFieldErrors(parsed.error),
    };
  }
  const { source, format, warnings, slugChosen } = parsed.data;
  const created = await settle(async () => {
    const { id } = await importReview(parsed.data.content, {
      source: { name: source, format, warnings },
      slugChosen: slugChosen === 'true',
    });
    return { ok: true as const, message: 'Draft created.', id };
  });
  if (!created.ok) return created;
  // Outside settle: redirect() works by throwing.
  redirect(`/admin/reviews/${created.id}`);
}
