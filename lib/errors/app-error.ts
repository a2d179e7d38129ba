// The one error the layers raise for a refusal the person asking can act on. Its `code` says
// what kind of refusal it is; each transport turns it into its own answer by that code alone
// (lib/errors/action-failure.ts for Server Actions, app/api/_lib/error-response.ts for the
// JSON routes, lib/errors/refusal-page.ts for pages). Anything thrown that is not an AppError
// is a bug and propagates to the error page. Nothing here imports the database, so every
// layer (db, lib, app, the CLIs) can raise and recognise it.

export const APP_ERROR_CODES = [
  /** Not signed in, or the session has ended. */
  'unauthenticated',
  /** Signed in, but the permission map does not allow it. */
  'forbidden',
  /** What was asked for does not exist (or no longer does). */
  'not_found',
  /** Input refused: the message says what to change, `field` where it belongs. */
  'invalid',
  /** Someone else's change stands in the way; `details` holds what is needed to decide. */
  'conflict',
  /** The review lacks what a published review needs, listed in `missing`. */
  'not_publishable',
  /** Too many requests; trying again after `retryAfterMs` can succeed. */
  'rate_limited',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type AppErrorOptions = {
  /** The form field or content path ("email", "slug", "sections.2.body") the message is about. */
  field?: string;
  /** not_publishable: what publishing still needs, in the editor's words. */
  missing?: string[];
  /** rate_limited: how long until a retry can succeed. */
  retryAfterMs?: number;
  /**
   * conflict: plain data the caller needs to resolve it (a merge's texts, the reviews that
   * use an image). The transports send it beside the message as it is.
   */
  details?: Readonly<Record<string, unknown>>;
  cause?: unknown;
};

export class AppError extends Error {
  override name = 'AppError';
  readonly field?: string;
  readonly missing?: string[];
  readonly retryAfterMs?: number;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    { cause, ...options }: AppErrorOptions = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.field = options.field;
    this.missing = options.missing;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}

/** Whether `error` is an AppError, of one of `codes` when any are given. */
export function isAppError(error: unknown, ...codes: AppErrorCode[]): error is AppError {
  return error instanceof AppError && (codes.length === 0 || codes.includes(error.code));
}

// The two refusals every layer raises in the same words.

export const SIGN_IN_MESSAGE = 'Sign in to continue.';
export const FORBIDDEN_MESSAGE = 'You do not have permission to do that.';

export const signInRequired = () => new AppError('unauthenticated', SIGN_IN_MESSAGE);
export const notAllowed = () => new AppError('forbidden', FORBIDDEN_MESSAGE);

/** Input refused, with the message to show (next to `field` when one is named). */
export function invalidInput(message: string, field?: string): AppError {
  return new AppError('invalid', message, { field });
}
