'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requirePermission } from '@/db/auth/current-user';
import { createReview, getReviewForEditing } from '@/db/reviews/editing';
import {
  archive,
  deleteReview,
  publishNow,
  requestChanges,
  schedulePublication,
  submitForReview,
  unpublish,
} from '@/db/reviews/workflow';
import type { ActionResult } from '@/lib/action-result';
import { refusalOf, settle } from '@/lib/errors/action-failure';
import { reviewContentSchema } from '@/lib/content/review-content';
import { contentFieldErrors } from '@/lib/forms';
import { workflowStateOf, type WorkflowState } from './_lib/workflow-state';

// The editor's Server Actions. They are public POST endpoints: each validates its whole input
// with zod and leaves every permission decision to the data layer (db/reviews/workflow.ts).

/**
 * The editor's answer: on success the review's id, its new version (after a save) and its
 * workflow now (omitted after a delete); a refusal may carry field errors keyed by path
 * ("slug", "sections.2.body") and what publishing still needs.
 */
export type ReviewActionResult = ActionResult<{
  id: number;
  version?: number;
  workflow?: WorkflowState;
}>;

const createInputSchema = z.object({ content: reviewContentSchema });

/**
 * Creates a review from the editor's first save. Later saves of the review go through
 * POST /api/reviews/[id]/revisions, which also serves autosave and merges concurrent edits.
 */
export async function createReviewAction(input: unknown): Promise<ReviewActionResult> {
  // Who is asking first: a stranger's input is never validated (createReview checks again).
  const refused = await refusalOf(() => requirePermission('review:create'));
  if (refused) return refused;
  const parsed = createInputSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: 'The review was not saved: correct the highlighted fields.',
      errors: contentFieldErrors(parsed.error),
    };
  }
  return settle(async (): Promise<ReviewActionResult> => {
    // No revalidation: the admin pages are rendered per request, and a refresh here would
    // re-render the new-review page under the editor while someone types.
    const created = await createReview(parsed.data.content);
    // The editor stays on the page (words may be typed while this ran) and shows the new
    // review's workflow from here.
    const workflow = workflowStateOf(await getReviewForEditing(created.id));
    return { ok: true, id: created.id, version: created.version, message: 'Saved.', workflow };
  });
}

const workflowInputSchema = z.discriminatedUnion('action', [
  z.object({
    reviewId: z.number().int().positive(),
    action: z.enum(['submit', 'publish', 'unpublish', 'archive', 'delete']),
  }),
  z.object({
    reviewId: z.number().int().positive(),
    action: z.literal('schedule'),
    at: z.iso.datetime({ offset: true }),
  }),
  z.object({
    reviewId: z.number().int().positive(),
    action: z.literal('request_changes'),
    // Length is checked with its message in the data layer (db/reviews/change-requests.ts).
    note: z.string().max(100_000),
  }),
]);

const DONE: Record<z.infer<typeof workflowInputSchema>['action'], string> = {
  submit: 'Submitted for review.',
  publish: 'Published.',
  schedule: 'Scheduled.',
  request_changes: 'Sent back to the writer with your note.',
  unpublish: 'Unpublished: the review is a draft again.',
  archive: 'Archived.',
  delete: 'Deleted.',
};

/** One workflow step: submit, publish now, schedule, unpublish, archive or delete. */
export async function reviewWorkflowAction(input: unknown): Promise<ReviewActionResult> {
  const parsed = workflowInputSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      message: 'That request is not valid.',
      errors: contentFieldErrors(parsed.error),
    };
  const command = parsed.data;
  return settle(async (): Promise<ReviewActionResult> => {
    const id = command.reviewId;
    switch (command.action) {
      case 'submit':
        await submitForReview(id);
        break;
      case 'publish':
        await publishNow(id);
        break;
      case 'schedule':
        await schedulePublication(id, new Date(command.at));
        break;
      case 'request_changes':
        await requestChanges(id, command.note);
        break;
      case 'unpublish':
        await unpublish(id);
        break;
      case 'archive':
        await archive(id);
        break;
      case 'delete':
        await deleteReview(id);
        break;
    }
    revalidatePath('/admin');
    // The new status and what the caller may do now, for the editor to show without reloading.
    const workflow =
      command.action === 'delete' ? undefined : workflowStateOf(await getReviewForEditing(id));
    return { ok: true, id, message: DONE[command.action], workflow };
  });
}
