'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requirePermission } from '@/db/auth/current-user';
import { deleteMedia, requireMediaManager, updateMediaAlt } from '@/db/media/manage';
import { uploadMedia } from '@/db/media/media';
import { failure, type ActionResult, type ActionState } from '@/lib/action-result';
import { refusalOf, settle } from '@/lib/errors/action-failure';
import { readForm } from '@/lib/forms';
import { altTextSchema, firstIssue, uploadAltTextSchema } from '@/lib/media/alt-text';
import { parseMediaId } from '@/lib/media/ids';
import type { DeleteMediaResult } from '@/lib/media/usage';

// The media library's Server Actions. Each is a public POST endpoint, so each asks the data
// layer who is calling before it reads a single field of its form (a refused caller's body is
// never parsed), reads only the fields it names, and answers bad input (an id that is not one,
// a missing field, a megabyte of text) with a message, never an exception. The data functions
// check the caller again, against the image itself.

// The upload form carries a file, which readForm (strings only) does not read, so its two
// fields are taken from FormData here by name. uploadMedia checks the caller again, takes an
// upload slot (refusing at once when the server is busy), then reads the file.

const uploadSchema = z.object({
  file: z
    .instanceof(File, { message: 'Choose an image to upload.' })
    .refine((file) => file.size > 0, 'Choose an image to upload.'),
  alt: uploadAltTextSchema,
});

export async function uploadMediaAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionResult> {
  const refused = await refusalOf(() => requirePermission('media:upload'));
  if (refused) return refused;
  const alt = formData.get('alt');
  // Only the alt text can be put back: a browser never lets a page refill a file input.
  const values = { alt: typeof alt === 'string' ? alt : '' };
  const parsed = uploadSchema.safeParse({ file: formData.get('file'), alt: values.alt });
  if (!parsed.success) {
    return {
      ok: false,
      message: 'Please correct the highlighted fields.',
      errors: z.flattenError(parsed.error).fieldErrors,
      values,
    };
  }
  // A refused file's message goes next to its field; a busy server's (not the file's fault)
  // is for the whole form. Either way the alt text is kept for a retry.
  return settle(
    async (): Promise<ActionResult> => {
      const item = await uploadMedia(parsed.data.file, parsed.data.alt);
      revalidatePath('/admin/media');
      return { ok: true, message: `${item.originalName} was added to the library.` };
    },
    { values },
  );
}

const NO_SUCH_IMAGE = 'That image does not exist.';

/** On success, `alt` is the text as stored (trimmed, on one line). */
export type AltTextResult = ActionResult<{ alt: string }>;

/**
 * Saves an image's suggested alt text. Field errors come back on `alt`, with what was typed;
 * on success `alt` is the text as stored.
 */
export async function updateMediaAltAction(
  _previous: ActionState,
  formData: FormData,
): Promise<AltTextResult> {
  const refused = await refusalOf(requireMediaManager);
  if (refused) return refused;
  const values = readForm(formData, ['id', 'alt']);
  const typed = { alt: values.alt! };
  const id = parseMediaId(values.id);
  if (id === null) return failure(NO_SUCH_IMAGE, { values: typed });
  const parsed = altTextSchema.safeParse(values.alt);
  if (!parsed.success) {
    return {
      ok: false,
      message: 'Please correct the alt text.',
      errors: { alt: [firstIssue(parsed.error)] },
      values: typed,
    };
  }
  return settle(
    async (): Promise<AltTextResult> => {
      const saved = await updateMediaAlt(id, parsed.data);
      revalidatePath(`/admin/media/${id}`);
      revalidatePath('/admin/media');
      return { ok: true, message: 'Alt text saved.', alt: saved.alt };
    },
    { values: typed },
  );
}

/**
 * Deletes an image no review uses, then goes back to the library. A refusal names the reviews
 * that use it (`uses`, for links to their editors), or says why else it was refused.
 */
export async function deleteMediaAction(
  _previous: ActionState,
  formData: FormData,
): Promise<DeleteMediaResult> {
  const refused = await refusalOf(requireMediaManager);
  if (refused) return refused;
  const id = parseMediaId(formData.get('id'));
  if (id === null) return failure(NO_SUCH_IMAGE);
  const refusedDelete: DeleteMediaResult | null = await refusalOf(() => deleteMedia(id));
  if (refusedDelete) {
    // Still used: the page's own list of uses may be older than this answer; refresh it too.
    if (refusedDelete.uses) revalidatePath(`/admin/media/${id}`);
    return refusedDelete;
  }
  revalidatePath('/admin/media');
  // Outside refusalOf: redirect() works by throwing.
  redirect('/admin/media?deleted=1');
}
