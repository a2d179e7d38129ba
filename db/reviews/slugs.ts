import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../client';
import { publishedReviews, reviews, slugRedirects } from '../schema';
import { invalidInput } from '@/lib/errors/app-error';
import { trimEndChars } from '@/lib/text/trim';

// Whether a slug is free, for every write that sets one. No permission check here (and no
// session code, so command-line tools can use it): callers check first.

/** Whether another review uses this slug, or used it and still redirects from it. */
export async function isSlugTaken(tx: Tx, slug: string, reviewId: number | null): Promise<boolean> {
  const others = reviewId === null ? undefined : ne(reviews.id, reviewId);
  return (
    ((
      await tx
        .select({ id: reviews.id })
        .from(reviews)
        .where(and(eq(reviews.slug, slug), others))
    )[0] ??
      (
        await tx
          .select({ id: publishedReviews.reviewId })
          .from(publishedReviews)
          .where(
            and(
              eq(publishedReviews.slug, slug),
              reviewId === null ? undefined : ne(publishedReviews.reviewId, reviewId),
            ),
          )
      )[0] ??
      (
        await tx
          .select({ id: slugRedirects.reviewId })
          .from(slugRedirects)
          .where(
            and(
              eq(slugRedirects.slug, slug),
              reviewId === null ? undefined : ne(slugRedirects.reviewId, reviewId),
            ),
          )
      )[0]) !== undefined
  );
}

/** Refuses a slug another review uses, or used and still redirects from. */
export async function assertSlugFree(tx: Tx, slug: string, reviewId: number | null): Promise<void> {
  if (await isSlugTaken(tx, slug, reviewId))
    throw invalidInput('Another review already uses this slug.', 'slug');
}

/** The slug itself when free, else the first free "slug-2", "slug-3", … */
export async function freeSlug(tx: Tx, slug: string): Promise<string> {
  if (!(await isSlugTaken(tx, slug, null))) return slug;
  const base = trimEndChars(slug.slice(0, 110), '-');
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!(await isSlugTaken(tx, candidate, null))) return candidate;
  }
}
