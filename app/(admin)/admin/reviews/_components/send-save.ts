import type { ReviewContent } from '@/lib/content/review-content';
import { createReviewAction } from '../actions';
import type { SaveRequest, SaverEvent } from './review-saver-state';
import { postSave } from './save-api';

// The one place the editor's saves leave the browser and their answers are read: a new
// review is created by a Server Action, later saves go to POST /api/reviews/:id/revisions.
// Either way the answer comes back as the value the saver expects, never as a throw.

export type SaveReply = Pick<Extract<SaverEvent, { type: 'answered' }>, 'answer' | 'created'>;

export async function sendSave(request: SaveRequest, keepalive?: boolean): Promise<SaveReply> {
  if (request.reviewId === null) return createReview(request.content);
  const { reviewId, ...body } = request;
  return { answer: await postSave(reviewId, body, { keepalive }) };
}

async function createReview(content: ReviewContent): Promise<SaveReply> {
  // Sent as plain JSON: ProseMirror's attribute objects are not plain objects, which React
  // would pass to the server as opaque references rather than data.
  const plain = JSON.parse(JSON.stringify(content)) as ReviewContent;
  const created = await createReviewAction({ content: plain }).catch(() => null);
  if (!created)
    return {
      answer: { status: 'failed', offline: true, message: 'The server could not be reached.' },
    };
  if (!created.ok)
    return {
      answer: { status: 'invalid', message: created.message, errors: created.errors ?? {} },
    };
  return {
    answer: { status: 'saved', version: created.version ?? 1, merged: false, content },
    created: { id: created.id, workflow: created.workflow },
  };
}
