import 'server-only';
import { notFound } from 'next/navigation';
import { getReviewForEditing } from '@/db/reviews/editing';
import { orRefusalPage } from '@/lib/errors/refusal-page';

/** A review for the editor or the preview, or the 404, 403 or sign-in page. */
export async function loadForEditing(rawId: string) {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return orRefusalPage(() => getReviewForEditing(id));
}
