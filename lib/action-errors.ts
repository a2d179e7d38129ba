import 'server-only';
import { AuthError, requirePermission, requireUser } from '../db/auth/current-user';
import type { Action } from './auth/permissions';
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

/**
 * Who is asking, before a Server Action reads its form: the refusal to return when the caller
 * is not signed in (or may not do `action`), or null to go on. The data layer checks again
 * when it acts; this only keeps a stranger's input from being parsed at all.
 */
export async function refusedCaller(
  action?: Action,
): Promise<{ status: 'error'; message: string } | null> {
  try {
    if (action) await requirePermission(action);
    else await requireUser();
    return null;
  } catch (error) {
    if (error instanceof AuthError) return { status: 'error', message: error.message };
    throw error;
  }
}
