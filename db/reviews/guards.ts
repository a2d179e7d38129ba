import { and, eq, ne } from 'drizzle-orm';
import { can, type Action } from '../../lib/auth/permissions';
import { AuthError, type CurrentUser } from '../auth/current-user';
import type { Tx } from '../client';
import { publishedReviews, reviews, slugRedirects } from '../schema';
import { UserInputError } from '../users/records';
import { ReviewNotFoundError } from './errors';
import type { ReviewRow } from './publish-head';

// Checks shared by every authorized write to a review, run inside the writing transaction.

export function loadReview(tx: Tx, id: number): ReviewRow {
  const review = tx.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!review) throw new ReviewNotFoundError();
  return review;
}

export function authorize(user: CurrentUser, action: Action, review: ReviewRow): void {
  if (!can(user, action, { authorId: review.authorId, status: review.status }))
    throw new AuthError('forbidden');
}

/** Refuses a slug another review uses, or used and still redirects from. */
export function assertSlugFree(tx: Tx, slug: string, reviewId: number | null): void {
  const others = reviewId === null ? undefined : ne(reviews.id, reviewId);
  const taken =
    tx
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.slug, slug), others))
      .get() ??
    tx
      .select({ id: publishedReviews.reviewId })
      .from(publishedReviews)
      .where(
        and(
          eq(publishedReviews.slug, slug),
          reviewId === null ? undefined : ne(publishedReviews.reviewId, reviewId),
        ),
      )
      .get() ??
    tx
      .select({ id: slugRedirects.reviewId })
      .from(slugRedirects)
      .where(
        and(
          eq(slugRedirects.slug, slug),
          reviewId === null ? undefined : ne(slugRedirects.reviewId, reviewId),
        ),
      )
      .get();
  if (taken) throw new UserInputError('Another review already uses this slug.', 'slug');
}
