import 'server-only';
import type { Action, ReviewResource } from '../../lib/auth/permissions';
import { orRefusalPage } from '../../lib/errors/refusal-page';
import { requirePermission, type CurrentUser } from './current-user';

/**
 * For pages: the current user when allowed; otherwise the sign-in page (signed out) or the
 * 403 page (signed in without permission). The check itself is the data layer's.
 */
export async function guardPage(action: Action, review?: ReviewResource): Promise<CurrentUser> {
  return orRefusalPage(() => requirePermission(action, review));
}
