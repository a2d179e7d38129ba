import type { MergeConflict } from '../../lib/content/merge';
import type { ReviewContent } from '../../lib/content/review-content';

/**
 * Someone else saved the same field or section since this save's base version. Nothing was
 * written; the caller gets both texts to decide.
 */
export class MergeConflictError extends Error {
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
      'Someone else changed the same part of this review while you were editing. Nothing was lost: choose which text to keep.',
    );
  }
}

/** The review does not exist (or no longer does). */
export class ReviewNotFoundError extends Error {
  constructor() {
    super('This review no longer exists.');
  }
}

/** Too many writes by one person in a short time; worth trying again after `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
