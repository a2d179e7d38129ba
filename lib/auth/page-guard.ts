import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { AuthError, requirePermission, type CurrentUser } from '../../db/auth/current-user';
import type { Action, ReviewResource } from './permissions';

/**
 * For pages: the current user when allowed; otherwise a redirect to /login (signed out) or
 * the 403 page (signed in without permission). The check itself is the data layer's.
 */
export async function guardPage(action: Action, review?: ReviewResource): Promise<CurrentUser> {
  try {
    return await requirePermission(action, review);
  } catch (error) {
    if (error instanceof AuthError) {
      if (error.kind === 'unauthenticated') redirect('/login');
      forbidden();
    }
    throw error;
  }
}
