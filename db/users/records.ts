import { and, count, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { hashToken, newToken } from '../../lib/auth/tokens';
import type { TokenPurpose, UserRole } from '../../lib/content/vocabulary';
import { invalidInput } from '../../lib/errors/app-error';
import { TOKEN_LIFETIME_MS } from '../../lib/auth/limits';
import type { Tx } from '../client';
import { sessions, users, userTokens } from '../schema';
import { insertedRow } from '../engine/rows';

// Writes on staff accounts, without authorization: the building blocks that the admin data
// layer (db/users/admin.ts), the first-admin setup and the CLIs call inside their transaction.

export async function insertUser(
  tx: Tx,
  input: { email: string; name: string; role: UserRole; passwordHash: string | null; now: Date },
): Promise<number> {
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email));
  if (existing) throw invalidInput('A user with this email already exists.', 'email');
  return insertedRow(
    await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash: input.passwordHash,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: users.id }),
  ).id;
}

/**
 * Changes what ends a user's sessions: their role, their active flag or their password.
 * Bumping session_version makes every existing session of theirs fail its next check.
 */
export async function updateUserSecurity(
  tx: Tx,
  userId: number,
  changes: { role?: UserRole; active?: boolean; passwordHash?: string },
  now: Date,
): Promise<void> {
  await tx
    .update(users)
    .set({ ...changes, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
    .where(eq(users.id, userId));
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/**
 * Active admins other than the given user who can sign in (an invited admin who has not yet
 * chosen a password does not count): the last one may not be demoted or deactivated.
 */
export async function otherActiveAdmins(tx: Tx, userId: number): Promise<number> {
  return (
    (
      await tx
        .select({ n: count() })
        .from(users)
        .where(
          and(
            eq(users.role, 'admin'),
            eq(users.active, true),
            isNotNull(users.passwordHash),
            ne(users.id, userId),
          ),
        )
    )[0]?.n ?? 0
  );
}

/** Issues a one-time link token; earlier unused tokens of the same purpose stop working. */
export async function issueToken(
  tx: Tx,
  input: { userId: number | null; purpose: TokenPurpose; now: Date },
): Promise<string> {
  const token = newToken();
  const sameOwner =
    input.userId === null ? isNull(userTokens.userId) : eq(userTokens.userId, input.userId);
  await tx
    .update(userTokens)
    .set({ usedAt: input.now })
    .where(and(sameOwner, eq(userTokens.purpose, input.purpose), isNull(userTokens.usedAt)));
  await tx.insert(userTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
  });
  return token;
}

/** The unused, unexpired token row for this token and purpose, or null. */
export async function findValidToken(tx: Tx, token: string, purposes: TokenPurpose[], now: Date) {
  if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
  const [row] = await tx
    .select()
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    );
  return row && purposes.includes(row.purpose) ? row : null;
}

export async function markTokenUsed(tx: Tx, tokenId: number, now: Date): Promise<void> {
  await tx.update(userTokens).set({ usedAt: now }).where(eq(userTokens.id, tokenId));
}
