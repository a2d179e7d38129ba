import { and, eq, isNull } from 'drizzle-orm';
import type { UserRole } from '../../lib/content/vocabulary';
import { newToken } from '../../lib/auth/tokens';
import type { Db } from '../client';
import type { Tx } from '../client';
import { sessions, users } from '../schema';
import {
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
  SESSION_TOUCH_INTERVAL_MS,
} from '../../lib/auth/limits';

/** The signed-in staff member, as the data layer sees them. */
export type CurrentUser = {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  sessionId: string;
};

export async function createSession(
  tx: Tx,
  input: {
    userId: number;
    sessionVersion: number;
    ip: string | null;
    userAgent: string | null;
    now: Date;
  },
): Promise<string> {
  const id = newToken();
  await tx.insert(sessions).values({
    id,
    userId: input.userId,
    sessionVersion: input.sessionVersion,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + SESSION_MAX_AGE_MS),
    ip: input.ip?.slice(0, 100) ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return id;
}

/**
 * The user behind a session id, or null when the session is over: signed out, past its
 * absolute lifetime, idle too long, or its user deactivated or changed (role, password) since.
 */
export async function resolveSession(
  db: Db,
  sessionId: string,
  now = new Date(),
): Promise<CurrentUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      userVersion: users.sessionVersion,
      sessionVersion: sessions.sessionVersion,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row) return null;
  const over =
    row.revokedAt !== null ||
    row.expiresAt <= now ||
    now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS ||
    !row.active ||
    row.userVersion !== row.sessionVersion;
  if (over) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await db.transaction((tx) =>
      tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId)),
    );
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, sessionId };
}

/** Ends one session (sign-out). */
export async function revokeSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db.transaction((tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt))),
  );
}
