import { listSuggestions } from '@/db/queries/taxonomy';
import { guardPage } from '@/lib/auth/page-guard';
import { newReviewContent } from '@/lib/content/new-review';
import { ReviewEditor } from '../_components/review-editor';

export const metadata = { title: 'New review' };

// Nothing is written until the first save, so opening this page (or prefetching it) creates
// no empty reviews.
export default async function NewReviewPage() {
  await guardPage('review:create');
  const suggestions = await listSuggestions();
  return (
    <>
      <h1>New review</h1>
      <ReviewEditor
        reviewId={null}
        version={0}
        content={newReviewContent()}
        workflow={null}
        {...suggestions}
      />
    </>
  );
}
