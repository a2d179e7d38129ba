'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/db/auth/current-user';
import { restoreRevision } from '@/db/reviews/history';
import type { ActionResult, ActionState } from '@/lib/action-result';
import { refusalOf, settle } from '@/lib/errors/action-failure';
import { parseForm } from '@/lib/forms';

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
  _previous: ActionState,
  formData: FormData,
): Promise<ActionResult> {
  const refused = await refusalOf(requireUser);
  if (refused) return refused;
  const parsed = parseForm(restoreSchema, formData, RESTORE_FIELDS);
  if (!parsed.ok) return { ...parsed.state, message: 'That restore request is not valid.' };
  const { reviewId, version } = parsed.data;
  const state = await settle(
    async () => {
      const restored = await restoreRevision(reviewId, version);
      return { ok: true as const, message: `Restored as version ${restored.version}.`, restored };
    },
    { values: parsed.values },
  );
  if (!state.ok) return state;
  revalidatePath('/admin');
  // Outside settle: redirect() works by throwing.
  redirect(`/admin/reviews/${reviewId}/history?restored=${state.restored.version}`);
}
