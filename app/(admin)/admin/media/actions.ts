'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requirePermission } from '@/db/auth/current-user';
import { uploadMedia } from '@/db/media/media';
import { handleActionErrors } from '@/lib/action-errors';
import { errorState, type FormState } from '@/lib/forms';
import { MAX_ALT_LENGTH } from '@/lib/media/constants';
import { MediaInputError, UploadBusyError } from '@/lib/media/errors';

// The form carries a file, which parseForm (strings only) does not read, so the two fields are
// taken from FormData here by name; anything else posted is ignored. Who is asking is checked
// before anything posted is looked at; uploadMedia checks it again (it is the data layer's
// rule), takes an upload slot (refusing at once when the server is busy), then reads the file.

const uploadSchema = z.object({
  file: z
    .instanceof(File, { message: 'Choose an image to upload.' })
    .refine((file) => file.size > 0, 'Choose an image to upload.'),
  alt: z
    .string()
    .trim()
    .max(MAX_ALT_LENGTH, `Alt text can be at most ${MAX_ALT_LENGTH} characters.`),
});

export async function uploadMediaAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const alt = formData.get('alt');
  // Only the alt text can be put back: a browser never lets a page refill a file input.
  const values = { alt: typeof alt === 'string' ? alt : '' };
  return handleActionErrors(values, async () => {
    await requirePermission('media:upload');
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
