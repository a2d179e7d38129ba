import { failure, type ActionFailure } from '../action-result';
import { isAppError } from './app-error';

// The Server Action transport: an AppError becomes the refusal the form shows. Anything else
// is a bug and is rethrown, so Next shows its error page rather than a made-up message.

export type FailureOptions = {
  /** What was typed, kept in the refusal to refill the form (secrets are dropped). */
  values?: Record<string, string>;
  /** Where an `invalid` error that names no field is shown (the text box, the file). */
  field?: string;
};

/** The refusal for `error`, or `error` rethrown when it is not an AppError. */
export function actionFailure(error: unknown, options: FailureOptions = {}): ActionFailure {
  if (!isAppError(error)) throw error;
  const { values } = options;
  switch (error.code) {
    case 'invalid':
      return failure(error.message, { values, field: error.field ?? options.field });
    case 'not_publishable':
      return { ...failure(error.message, { values }), missing: error.missing };
    case 'conflict':
      return { ...failure(error.message, { values }), ...error.details };
    case 'unauthenticated':
    case 'forbidden':
    case 'not_found':
    case 'rate_limited':
      return failure(error.message, { values });
  }
}

/** Runs an action's work; its refusals come back as the action's answer. */
export async function settle<T>(
  run: () => Promise<T>,
  options?: FailureOptions,
): Promise<T | ActionFailure> {
  try {
    return await run();
  } catch (error) {
    return actionFailure(error, options);
  }
}

/**
 * The refusal of `run`, or null when it went through. Actions ask this first of who is
 * asking (requireUser, requirePermission), so a stranger's input is never parsed at all; the
 * data layer checks again when it acts.
 */
export async function refusalOf(
  run: () => Promise<unknown>,
  options?: FailureOptions,
): Promise<ActionFailure | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return actionFailure(error, options);
  }
}
