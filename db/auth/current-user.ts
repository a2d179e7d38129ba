import 'server-only';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { serverAuthOptions } from './next-auth-options';
import { can, type Action, type ReviewResource } from '../../lib/auth/permissions';
import { notAllowed, signInRequired } from '../../lib/errors/app-error';
import { getDb } from '../client';
import { requestIp } from './request-ip';
import { resolveSession, type CurrentUser } from './sessions';

export type { CurrentUser };
// Most data functions want both the actor and the address for the audit log.
export { requestIp };

/**
 * The signed-in staff member for this request, or null. The session cookie only names a
 * session; whether it is still valid (not signed out, not idle or expired, user active and
 * unchanged) is decided in the database on every request. Cached per request.
 *
 * serverAuthOptions, not authOptions: only its session callback returns the sid. The HTTP
 * endpoint /api/auth/session, which page scripts can read, never does.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(serverAuthOptions);
  if (!session?.sid) return null;
  return resolveSession(getDb(), session.sid);
});

/** The current user, or an `unauthenticated` AppError. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw signInRequired();
  return user;
}

/** The current user if the permission map allows the action; otherwise an AppError. */
export async function requirePermission(
  action: Action,
  review?: ReviewResource,
): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user, action, review)) throw notAllowed();
  return user;
}
