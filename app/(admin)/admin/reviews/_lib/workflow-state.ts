import type { EditableReview } from '@/db/reviews/editing';
import type { ReviewStatus } from '@/lib/content/vocabulary';

/** What the editor's workflow bar shows and offers, as plain data for a client component. */
export type WorkflowState = {
  status: ReviewStatus;
  isPublished: boolean;
  hasUnpublishedChanges: boolean;
  scheduledFor: string | null;
  permissions: EditableReview['permissions'];
  /** An editor's note asking for changes, shown to the writer until they submit again. */
  changesRequested: { note: string; requestedBy: string | null; at: string } | null;
};

export function workflowStateOf(review: EditableReview): WorkflowState {
  return {
    status: review.status,
    isPublished: review.isPublished,
    hasUnpublishedChanges: review.hasUnpublishedChanges,
    scheduledFor: review.scheduledFor?.toISOString() ?? null,
    permissions: review.permissions,
    changesRequested: review.changesRequested && {
      note: review.changesRequested.note,
      requestedBy: review.changesRequested.requestedBy,
      at: review.changesRequested.createdAt.toISOString(),
    },
  };
}
