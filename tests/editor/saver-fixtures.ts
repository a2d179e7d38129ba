import { transition } from '@/app/(admin)/admin/reviews/_components/review-saver';
import {
  initialSaverState,
  type SaverEvent,
  type SaverState,
  type Transition,
} from '@/app/(admin)/admin/reviews/_components/review-saver-state';
import type { SaveAnswer } from '@/app/(admin)/admin/reviews/_components/save-api';
import { newReviewContent } from '@/lib/content/new-review';
import type { ReviewContent } from '@/lib/content/review-content';

// Events and states for the review saver's tests, named as the hook would feed them.

export const AT = new Date('2025-03-01T10:00:00Z');
export const original: ReviewContent = {
  ...newReviewContent(),
  headline: 'Escape',
  dek: 'A thriller.',
};
export const edit = (content: ReviewContent, change: Partial<ReviewContent>): ReviewContent => ({
  ...content,
  ...change,
});
export const typed = edit(original, { headline: 'Escape, reviewed' });

/** A saved review, id 7, at version 3, showing what the server has. */
export const opened = (): SaverState => initialSaverState({ version: 3, content: original }, 7);

/** Feeds the events in turn; the last step's state and effects. */
export function run(state: SaverState, ...events: SaverEvent[]): Transition {
  let step: Transition = { state, effects: [] };
  for (const event of events) step = transition(step.state, event);
  return step;
}

export const edited = (content: ReviewContent): SaverEvent => ({ type: 'edited', content });
export const autosave: SaverEvent = { type: 'saveRequested', kind: 'autosave' };
export const answer = (reply: SaveAnswer, online = true): SaverEvent => ({
  type: 'answered',
  answer: reply,
  at: AT,
  online,
});
export const savedAs = (version: number, content: ReviewContent, merged = false) =>
  answer({ status: 'saved', version, merged, content });
export const failed = (offline: boolean, message = 'The server answered 500.') =>
  answer({ status: 'failed', offline, message });
/** The answer to a new review's first save, which created it as `id`. */
export const createdAs = (id: number, content: ReviewContent): SaverEvent => ({
  type: 'answered',
  answer: { status: 'saved', version: 1, merged: false, content },
  at: AT,
  online: true,
  created: { id },
});
