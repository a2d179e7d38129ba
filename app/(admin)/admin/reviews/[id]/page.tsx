import { listSuggestions } from '@/db/queries/taxonomy';
import { guardPage } from '@/lib/auth/page-guard';
import { ReviewEditor } from '../_components/review-editor';
import { loadForEditing } from '../_lib/load-review';

export const metadata = { title: 'Edit review' };

type Props = { params: Promise<{ id: string }> };

export default async function EditReviewPage({ params }: Props) {
  await guardPage('admin:access');
  const review = await loadForEditing(params);
  const suggestions = await listSuggestions();
  return (
    <>
      <h1>{review.content.headline || 'Untitled review'}</h1>
      <ReviewEditor
        reviewId={review.id}
        version={review.version}
        content={review.content}
        workflow={{
          status: review.status,
          isPublished: review.isPublished,
          hasUnpublishedChanges: review.hasUnpublishedChanges,
          scheduledFor: review.scheduledFor?.toISOString() ?? null,
          permissions: review.permissions,
        }}
        {...suggestions}
      />
    </>
  );
}
