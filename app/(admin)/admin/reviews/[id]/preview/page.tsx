import Link from 'next/link';
import { ReviewArticle } from '@/components/review/review-article';
import { getPoster } from '@/db/queries/public-reviews';
import { guardPage } from '@/db/auth/page-guard';
import { previewOf } from '@/lib/content/preview';
import { loadForEditing } from '../../_lib/load-review';

export const metadata = { title: 'Preview', robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

/** The working draft exactly as the public page renders it, for signed-in staff only. */
export default async function PreviewPage({ params }: Props) {
  const user = await guardPage('admin:access');
  const review = await loadForEditing((await params).id);
  const poster = await getPoster(review.content.posterMediaId);
  const view = previewOf(review.content, user.name, poster, new Date());
  return (
    <>
      <p className="preview-banner" role="note">
        Preview of the current draft (version {review.version}) — not public.{' '}
        <Link href={`/admin/reviews/${review.id}`}>Back to the editor</Link>
      </p>
      <ReviewArticle review={view} preview />
    </>
  );
}
