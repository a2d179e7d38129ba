import { deepEqual } from '@/lib/content/deep-equal';
import { mergeReviewContent } from '@/lib/content/merge';
import type { ReviewContent } from '@/lib/content/review-content';
import {
  finish,
  NO_ERRORS,
  RETRY_DELAYS_MS,
  type SaverEffect,
  type SaverEvent,
  type SaverState,
  type Transition,
} from './review-saver-state';
import type { SaveAnswer } from './save-api';

// How the review saver takes the server's answer to the save in flight: a success folds any
// merge into what was typed meanwhile, a conflict is shown beside our text, a failure is
// retried later, a refusal or invalid content waits for the editor.

type Answered = Extract<SaverEvent, { type: 'answered' }>;
type SavedAnswer = Extract<SaveAnswer, { status: 'saved' }>;

export function answered(state: SaverState, event: Answered): Transition {
  const sent = state.sending;
  // No save in flight: nothing this answer could be about.
  if (sent === null) return { state, effects: [] };
  const idle: SaverState = { ...state, sending: null };
  const { answer } = event;
  switch (answer.status) {
    case 'saved':
      return event.created
        ? created(idle, sent, answer.version, event.created, event.at)
        : saved(idle, sent, answer, event.at);
    case 'conflict': {
      // Recomputed against what is on screen now, which may be newer than what was sent.
      const merge = mergeReviewContent(idle.base.content, answer.theirs, idle.content);
      const conflict = {
        version: answer.version,
        theirs: answer.theirs,
        merged: merge.content,
        conflicts: merge.conflicts,
      };
      return {
        state: { ...idle, conflict, status: { kind: 'conflict' } },
        effects: [finish(false)],
      };
    }
    case 'invalid': {
      const status = { kind: 'invalid', message: answer.message } as const;
      return { state: { ...idle, errors: answer.errors, status }, effects: [finish(false)] };
    }
    case 'refused': {
      const { message, signedOut } = answer;
      return {
        state: { ...idle, status: { kind: 'refused', message, signedOut } },
        effects: [finish(false)],
      };
    }
    case 'failed': {
      const offline = answer.offline || !event.online;
      const delayMs = RETRY_DELAYS_MS[Math.min(idle.failures, RETRY_DELAYS_MS.length - 1)]!;
      const next: SaverState = {
        ...idle,
        status: offline ? { kind: 'offline' } : { kind: 'failed', message: answer.message },
        failures: idle.failures + 1,
        retry: { delayMs },
      };
      return { state: next, effects: [finish(false)] };
    }
  }
}

/** A save went through: folds a merge back into what was typed while it was in flight. */
function saved(state: SaverState, sent: ReviewContent, answer: SavedAnswer, at: Date): Transition {
  const effects: SaverEffect[] = [];
  let { base, content } = state;
  if (!answer.merged) base = { version: answer.version, content: sent };
  else {
    const rebased = mergeReviewContent(sent, answer.content, content);
    // Someone changed what is being typed right now: keep the old base, so the next save
    // meets their change as a conflict and both texts are shown.
    if (rebased.conflicts.length === 0) {
      base = { version: answer.version, content: answer.content };
      if (!deepEqual(rebased.content, content)) {
        content = rebased.content;
        effects.push({ type: 'replaceContent', content });
      }
    }
  }
  const clean = deepEqual(content, base.content);
  if (clean) effects.push({ type: 'removeDraft', reviewId: state.reviewId });
  effects.push(finish(true));
  return { state: succeeded({ ...state, base, content }, at, clean), effects };
}

/** A new review's first save created it: from now on it is saved by its id. */
function created(
  state: SaverState,
  sent: ReviewContent,
  version: number,
  review: NonNullable<Answered['created']>,
  at: Date,
): Transition {
  const base = { version, content: sent };
  const next = { ...state, reviewId: review.id, base };
  return {
    state: succeeded(next, at, deepEqual(state.content, sent)),
    effects: [
      { type: 'removeDraft', reviewId: null },
      { type: 'created', reviewId: review.id, workflow: review.workflow },
      finish(true),
    ],
  };
}

function succeeded(state: SaverState, at: Date, clean: boolean): SaverState {
  const status = clean ? { kind: 'saved' as const, at } : { kind: 'dirty' as const, savedAt: at };
  return { ...state, status, failures: 0, errors: NO_ERRORS };
}
