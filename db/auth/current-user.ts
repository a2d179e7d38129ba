import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { cache } from 'react';
import { clientIp } from '../../lib/auth/client-ip';
import { serverAuthOptions } from '../../lib/auth/next-auth';
import { can, type Action, type ReviewResource } from '../../lib/auth/permissions';
import { notAllowed, signInRequired } from '../../lib/errors/app-error';
import { getDb } from '../client';
import { recordAudit } from './audit';
import { resolveSession, revokeSession, type CurrentUser } from './sessions';

export type { CurrentUser };

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

/** The client address of the current request, for the audit log. */
export async function requestIp(): Promise<string | null> {
  return clientIp(await headers());
}

/** Signs a session out: the row is revoked, so a replayed cookie is refused from now on. */
export async function endSession(sessionId: string): Promise<void> {
  const db = getDb();
  const user = await resolveSession(db, sessionId);
  await revokeSession(db, sessionId);
  if (user) {
    const ip = await requestIp().catch(() => null);
    db.transaction((tx) => recordAudit(tx, { action: 'auth.sign_out', actor: user, ip }), {
      behavior: 'immediate',
    });
  }
}
