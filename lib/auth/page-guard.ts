import 'server-only';
import { requirePermission, type CurrentUser } from '../../db/auth/current-user';
import { orRefusalPage } from '../errors/refusal-page';
import type { Action, ReviewResource } from './permissions';

/**
 * For pages: the current user when allowed; otherwise the sign-in page (signed out) or the
 * 403 page (signed in without permission). The check itself is the data layer's.
 */
export async function guardPage(action: Action, review?: ReviewResource): Promise<CurrentUser> {
  return orRefusalPage(() => requirePermission(action, review));
}
