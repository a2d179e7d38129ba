import 'server-only';
import { AuthError } from '../db/auth/current-user';
import { UserInputError } from '../db/users/records';
import { errorState, type FormState } from './forms';

/**
 * Runs a Server Action's data-layer call and turns the errors a user can act on into a form
 * state: not signed in, not allowed, or refused input. Anything else is a bug and propagates.
 */
export async function handleActionErrors(
  values: Record<string, string>,
  run: () => Promise<FormState>,
): Promise<FormState> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AuthError) return errorState(error.message, values);
    if (error instanceof UserInputError) return errorState(error.message, values, error.field);
    throw error;
  }
}
