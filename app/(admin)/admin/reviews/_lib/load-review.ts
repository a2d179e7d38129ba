import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { AuthError } from '@/db/auth/current-user';
import { getReviewForEditing, ReviewNotFoundError } from '@/db/reviews/editor';

/** A review for the editor or the preview, or the 404, 403 or sign-in page. */
export async function loadForEditing(rawId: string) {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    return await getReviewForEditing(id);
  } catch (error) {
    if (error instanceof ReviewNotFoundError) notFound();
    if (error instanceof AuthError) {
      if (error.kind === 'forbidden') forbidden();
      redirect('/login');
    }
    throw error;
  }
}
