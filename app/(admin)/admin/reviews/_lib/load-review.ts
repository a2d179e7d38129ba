import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { AuthError } from '@/db/auth/current-user';
import { getReviewForEditing, ReviewNotFoundError } from '@/db/reviews/editor';

/**
 * Runs a staff page's data load, turning the data layer's refusals into pages: a review that
 * does not exist is the 404 page, a forbidden one the 403 page, no session the sign-in page.
 */
export async function orRefusalPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ReviewNotFoundError) notFound();
    if (error instanceof AuthError) {
      if (error.kind === 'forbidden') forbidden();
      redirect('/login');
    }
    throw error;
  }
}

/** A review for the editor or the preview, or the 404, 403 or sign-in page. */
export async function loadForEditing(rawId: string) {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return orRefusalPage(() => getReviewForEditing(id));
}
