'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AuthError, requirePermission } from '@/db/auth/current-user';
import { deleteMedia, requireMediaManager, updateMediaAlt } from '@/db/media/manage';
import { uploadMedia } from '@/db/media/media';
import { handleActionErrors } from '@/lib/action-errors';
import { errorState, readForm, type FormState } from '@/lib/forms';
import { altTextSchema, firstIssue, uploadAltTextSchema } from '@/lib/media/alt-text';
import {
  MediaInputError,
  MediaInUseError,
  MediaNotFoundError,
  UploadBusyError,
} from '@/lib/media/errors';
import { parseMediaId } from '@/lib/media/ids';
import type { DeleteMediaState } from '@/lib/media/usage';

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

/** The refusal of a caller who may not do this at all, as a form state; null when they may. */
async function refusal(check: () => Promise<unknown>): Promise<FormState | null> {
  try {
    await check();
    return null;
  } catch (error) {
    if (error instanceof AuthError) return errorState(error.message);
    throw error;
  }
}

export async function uploadMediaAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const refused = await refusal(() => requirePermission('media:upload'));
  if (refused) return refused;
  const alt = formData.get('alt');
  // Only the alt text can be put back: a browser never lets a page refill a file input.
  const values = { alt: typeof alt === 'string' ? alt : '' };
  return handleActionErrors(values, async () => {
    const parsed = uploadSchema.safeParse({ file: formData.get('file'), alt: values.alt });
    if (!parsed.success) {
      return {
        status: 'error',
        message: 'Please correct the highlighted fields.',
        errors: z.flattenError(parsed.error).fieldErrors,
        values,
      };
    }
    try {
      const item = await uploadMedia(parsed.data.file, parsed.data.alt);
      revalidatePath('/admin/media');
      return { status: 'success', message: `${item.originalName} was added to the library.` };
    } catch (error) {
      if (error instanceof MediaInputError) return errorState(error.message, values, error.field);
      // Not the file's fault: a message for the whole form, and the alt text kept for a retry.
      if (error instanceof UploadBusyError) return errorState(error.message, values);
      throw error;
    }
  });
}

const NO_SUCH_IMAGE = 'That image does not exist.';

/**
 * Saves an image's suggested alt text. Field errors come back on `alt`, with what was typed;
 * on success `values.alt` is the text as stored (trimmed, on one line).
 */
export async function updateMediaAltAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const refused = await refusal(requireMediaManager);
  if (refused) return refused;
  const values = readForm(formData, ['id', 'alt']);
  const typed = { alt: values.alt! };
  const id = parseMediaId(values.id);
  if (id === null) return errorState(NO_SUCH_IMAGE, typed);
  const parsed = altTextSchema.safeParse(values.alt);
  if (!parsed.success) {
    return {
      status: 'error',
      message: 'Please correct the alt text.',
      errors: { alt: [firstIssue(parsed.error)] },
      values: typed,
    };
  }
  return handleActionErrors(typed, async () => {
    try {
      const saved = await updateMediaAlt(id, parsed.data);
      revalidatePath(`/admin/media/${id}`);
      revalidatePath('/admin/media');
      return { status: 'success', message: 'Alt text saved.', values: saved };
    } catch (error) {
      if (error instanceof MediaInputError) return errorState(error.message, typed, error.field);
      if (error instanceof MediaNotFoundError) return errorState(error.message, typed);
      throw error;
    }
  });
}

/**
 * Deletes an image no review uses, then goes back to the library. A refusal names the reviews
 * that use it (`uses`, for links to their editors), or says why else it was refused.
 */
export async function deleteMediaAction(
  _previous: DeleteMediaState,
  formData: FormData,
): Promise<DeleteMediaState> {
  const refused = await refusal(requireMediaManager);
  if (refused) return refused;
  const id = parseMediaId(formData.get('id'));
  if (id === null) return errorState(NO_SUCH_IMAGE);
  try {
    await deleteMedia(id);
  } catch (error) {
    if (error instanceof MediaInUseError) {
      // The page's own list of uses may be older than this answer: refresh it too.
      revalidatePath(`/admin/media/${id}`);
      return { ...errorState(error.message), ...error.visible };
    }
    if (error instanceof MediaNotFoundError || error instanceof AuthError)
      return errorState(error.message);
    throw error;
  }
  revalidatePath('/admin/media');
  // Outside the try: redirect() works by throwing.
  redirect('/admin/media?deleted=1');
}
