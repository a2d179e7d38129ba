import { eq } from 'drizzle-orm';
import { can, type Action } from '../../lib/auth/permissions';
import { notAllowed } from '../../lib/errors/app-error';
import type { CurrentUser } from '../auth/current-user';
import type { Tx } from '../client';
import { forUpdate } from '../engine/locking';
import { reviews } from '../schema';
import { reviewNotFoundError } from './errors';
import type { ReviewRow } from './publishing';

export { assertSlugFree } from './slugs';

// Checks shared by every authorized write to a review, run inside the writing transaction.

/**
 * The review row, locked until the transaction ends (db/engine/locking.ts): every write decides
 * from what it reads here (the version a save is based on, the status a step moves from).
 */
export async function loadReview(tx: Tx, id: number): Promise<ReviewRow> {
  const [review] = await forUpdate(tx.select().from(reviews).where(eq(reviews.id, id)));
  if (!review) throw reviewNotFoundError();
  return review;
}

export function authorize(user: CurrentUser, action: Action, review: ReviewRow): void {
  if (!can(user, action, { authorId: review.authorId, status: review.status })) throw notAllowed();
}
