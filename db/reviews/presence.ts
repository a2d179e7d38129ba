import 'server-only';
import { and, asc, eq, gte, lt, ne } from 'drizzle-orm';
import { PRESENCE_TTL_MS } from '../../lib/content/presence';
import { requireUser } from '../auth/current-user';
import { getDb } from '../client';
import { reviewPresence, users } from '../schema';
import { authorize, loadReview } from './guards';

// Who else has a review open. The editor sends a heartbeat every PRESENCE_HEARTBEAT_MS; a
// person counts as present while their last heartbeat is younger than PRESENCE_TTL_MS, so a
// closed tab or a crashed browser drops out on its own.

export type Presence = {
  /** Everyone else with the review open, by name. */
  editors: { id: number; name: string }[];
  /** The newest saved version, so an editor learns that someone else saved. */
  version: number;
};

/** Records that the caller has the review open; returns who else has and the newest version. */
export async function heartbeat(reviewId: number, now = new Date()): Promise<Presence> {
  const user = await requireUser();
  return getDb().transaction(async (tx) => {
    const review = await loadReview(tx, reviewId);
    authorize(user, 'review:read', review);
    await tx
      .insert(reviewPresence)
      .values({ reviewId, userId: user.id, lastSeenAt: now })
      .onConflictDoUpdate({
        target: [reviewPresence.reviewId, reviewPresence.userId],
        set: { lastSeenAt: now },
      });
    // Rows of people long gone, on every review: keeps the table as small as the newsroom.
    await tx
      .delete(reviewPresence)
      .where(lt(reviewPresence.lastSeenAt, new Date(now.getTime() - 10 * PRESENCE_TTL_MS)));
    const editors = await tx
      .select({ id: users.id, name: users.name })
      .from(reviewPresence)
      .innerJoin(users, eq(users.id, reviewPresence.userId))
      .where(
        and(
          eq(reviewPresence.reviewId, reviewId),
          ne(reviewPresence.userId, user.id),
          gte(reviewPresence.lastSeenAt, new Date(now.getTime() - PRESENCE_TTL_MS)),
        ),
      )
      .orderBy(asc(users.name));
    return { editors, version: review.version };
  });
}

/** The caller closed the review: others stop seeing them at once. */
export async function leave(reviewId: number): Promise<void> {
  const user = await requireUser();
  await getDb().transaction((tx) =>
    tx
      .delete(reviewPresence)
      .where(and(eq(reviewPresence.reviewId, reviewId), eq(reviewPresence.userId, user.id))),
  );
}
