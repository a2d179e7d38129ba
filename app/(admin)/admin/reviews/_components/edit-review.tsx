import { requireUser } from '@/db/auth/current-user';
import { editorSite } from '@/lib/site';
import { listSuggestions } from '@/db/queries/taxonomy';
import { loadForEditing } from '../_lib/load-review';
import { workflowStateOf } from '../_lib/workflow-state';
import { ReviewEditor } from './review-editor';

/**
 * The editor on an existing review, with its heading. Rendered by the review's own page and
 * by the new-review page once its first save has given it an id (`/admin/reviews/new?id=…`),
 * so that page keeps its editor mounted, and whatever is being typed, when it refreshes.
 */
export async function EditReview({ id }: { id: string }) {
  const review = await loadForEditing(id);
  const user = await requireUser();
  const suggestions = await listSuggestions();
  return (
    <>
      <h1>{review.content.headline || 'Untitled review'}</h1>
      <ReviewEditor
        userId={user.id}
        reviewId={review.id}
        version={review.version}
        content={review.content}
        workflow={workflowStateOf(review)}
        {...suggestions}
        site={editorSite()}
      />
    </>
  );
}
