import { editorSite } from '@/lib/site';
import { listSuggestions } from '@/db/queries/taxonomy';
import { guardPage } from '@/db/auth/page-guard';
import { newReviewContent } from '@/lib/content/new-review';
import { EditReview } from '../_components/edit-review';
import { ReviewEditor } from '../_components/review-editor';

export const metadata = { title: 'New review' };

type Props = { searchParams: Promise<{ id?: string | string[] }> };

// Nothing is written until the first save, so opening this page (or prefetching it) creates
// no empty reviews. The first save puts the new id in the address (?id=…): from then on this
// page shows that review, in the same editor, still mounted.
export default async function NewReviewPage({ searchParams }: Props) {
  const { id } = await searchParams;
  if (typeof id === 'string') {
    await guardPage('admin:access');
    return <EditReview id={id} />;
  }
  const user = await guardPage('review:create');
  const suggestions = await listSuggestions();
  return (
    <>
      <h1>New review</h1>
      <ReviewEditor
        userId={user.id}
        reviewId={null}
        version={0}
        content={newReviewContent()}
        workflow={null}
        {...suggestions}
        site={editorSite()}
      />
    </>
  );
}
