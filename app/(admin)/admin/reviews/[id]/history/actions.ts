'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ReviewNotFoundError, RevisionNotFoundError, restoreRevision } from '@/db/reviews/history';
import { handleActionErrors, refusedCaller } from '@/lib/action-errors';
import { errorState, parseForm, type FormState } from '@/lib/forms';

// The history page's Server Action. Like every Server Action it is a public POST endpoint: it
// reads only the fields it names, validates them with zod and leaves the permission decision
// to the data layer (db/reviews/history.ts), which checks the caller against the review.

const restoreSchema = z.object({
  reviewId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  version: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
const RESTORE_FIELDS = ['reviewId', 'version'] as const;

/**
 * Restores an old version as a new revision. On success, goes back to the history page,
 * which shows the new version at the top; otherwise returns a message to show by the button.
 */
export async function restoreRevisionAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const refused = await refusedCaller();
  if (refused) return refused;
  const parsed = parseForm(restoreSchema, formData, RESTORE_FIELDS);
  if (!parsed.ok) return { ...parsed.state, message: 'That restore request is not valid.' };
  const { reviewId, version } = parsed.data;
  const state = await handleActionErrors(parsed.values, async () => {
    try {
      const restored = await restoreRevision(reviewId, version);
      return {
        status: 'success',
        message: `Restored as version ${restored.version}.`,
        result: { version: String(restored.version) },
      };
    } catch (error) {
      if (error instanceof ReviewNotFoundError || error instanceof RevisionNotFoundError)
        return errorState(error.message, parsed.values);
      throw error;
    }
  });
  if (state.status === 'success' && state.result?.version) {
    revalidatePath('/admin');
    // Outside the try: redirect() works by throwing.
    redirect(`/admin/reviews/${reviewId}/history?restored=${state.result.version}`);
  }
  return state;
}
