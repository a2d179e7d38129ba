import { AppError } from '../../lib/errors/app-error';
import type { MergeConflict } from '../../lib/content/merge';
import type { ReviewContent } from '../../lib/content/review-content';

// The review data layer's refusals, as AppErrors with the editor's words.

/** The review does not exist (or no longer does). */
export function reviewNotFoundError(): AppError {
  return new AppError('not_found', 'This review no longer exists.');
}

/** The version asked for is not one this review has; the history page names it. */
export class RevisionNotFoundError extends AppError {
  override name = 'RevisionNotFoundError';

  constructor(readonly version: number) {
    super('not_found', `This review has no version ${version}.`);
  }
}

/** Raised when a revision lacks what a published review needs; `missing` is for the editor. */
export function notPublishableError(missing: string[]): AppError {
  return new AppError(
    'not_publishable',
    `This review cannot be published yet: ${missing.join(' ')}`,
    { missing },
  );
}

/**
 * Someone else saved the same field or section since this save's base version. Nothing was
 * written; the caller gets both texts to decide (as `details`, which the save route sends).
 */
export class MergeConflictError extends AppError {
  override name = 'MergeConflictError';

  constructor(
    /** The newest version, which a resolved save should name as its base. */
    readonly currentVersion: number,
    /** The newest saved content. */
    readonly theirs: ReviewContent,
    /** Everything that merged cleanly, with their value where there is a conflict. */
    readonly merged: ReviewContent,
    readonly conflicts: MergeConflict[],
  ) {
    super(
      'conflict',
      'Someone else changed the same part of this review while you were editing. Nothing was lost: choose which text to keep.',
      { details: { version: currentVersion, theirs, merged, conflicts } },
    );
  }
}
