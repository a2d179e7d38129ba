'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AuthError } from '@/db/auth/current-user';
import {
  archive,
  createReview,
  deleteReview,
  NotPublishableError,
  publishNow,
  ReviewNotFoundError,
  saveReview,
  schedulePublication,
  StaleVersionError,
  submitForReview,
  unpublish,
} from '@/db/reviews/editor';
import { UserInputError } from '@/db/users/records';
import { reviewContentSchema } from '@/lib/content/review-content';

// The editor's Server Actions. They are public POST endpoints: each validates its whole input
// with zod and leaves every permission decision to the data layer (db/reviews/editor.ts).

export type ReviewActionResult =
  | { ok: true; id: number; version?: number; message: string }
  | {
      ok: false;
      message: string;
      /** Field errors keyed by path, such as "slug" or "sections.2.body". */
      errors?: Record<string, string[]>;
      /** What publishing still needs. */
      missing?: string[];
      /** Set when someone else saved first; the caller keeps its text. */
      stale?: { currentVersion: number };
    };

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.slice(1).join('.') || 'content';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

async function refusals(run: () => Promise<ReviewActionResult>): Promise<ReviewActionResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AuthError || error instanceof ReviewNotFoundError)
      return { ok: false, message: error.message };
    if (error instanceof StaleVersionError) {
      return { ok: false, message: error.message, stale: { currentVersion: error.currentVersion } };
    }
    if (error instanceof NotPublishableError)
      return { ok: false, message: error.message, missing: error.missing };
    if (error instanceof UserInputError) {
      return {
        ok: false,
        message: error.message,
        errors: error.field ? { [error.field]: [error.message] } : undefined,
      };
    }
    throw error;
  }
}

const saveInputSchema = z.object({
  reviewId: z.number().int().positive().nullable(),
  baseVersion: z.number().int().min(0),
  content: reviewContentSchema,
});

/** Saves the editor's content: creates the review on its first save, else appends a revision. */
export async function saveReviewAction(input: unknown): Promise<ReviewActionResult> {
  const parsed = saveInputSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: 'The review was not saved: correct the highlighted fields.',
      errors: fieldErrors(parsed.error),
    };
  }
  const { reviewId, baseVersion, content } = parsed.data;
  return refusals(async () => {
    const saved =
      reviewId === null
        ? await createReview(content)
        : { id: reviewId, ...(await saveReview(reviewId, baseVersion, content)) };
    revalidatePath('/admin');
    return { ok: true, id: saved.id, version: saved.version, message: 'Saved.' };
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
]);

const DONE: Record<z.infer<typeof workflowInputSchema>['action'], string> = {
  submit: 'Submitted for review.',
  publish: 'Published.',
  schedule: 'Scheduled.',
  unpublish: 'Unpublished: the review is a draft again.',
  archive: 'Archived.',
  delete: 'Deleted.',
};

/** One workflow step: submit, publish now, schedule, unpublish, archive or delete. */
export async function reviewWorkflowAction(input: unknown): Promise<ReviewActionResult> {
  const parsed = workflowInputSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: 'That request is not valid.', errors: fieldErrors(parsed.error) };
  const command = parsed.data;
  return refusals(async () => {
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
    revalidatePath('/', 'layout');
    return { ok: true, id, message: DONE[command.action] };
  });
}
