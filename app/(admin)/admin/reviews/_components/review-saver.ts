import { deepEqual } from '@/lib/content/deep-equal';
import type { ReviewContent } from '@/lib/content/review-content';
import { answered } from './review-saver-answer';
import {
  finish,
  settle,
  type SavedBase,
  type SaverEvent,
  type SaverState,
  type Transition,
} from './review-saver-state';

// The editor's saving as a pure function: a state and an event give the next state and what
// to do about it (send a request, replace the editor's content, drop the device copy...).
// Every save names the version it started from; the server merges other people's changes or,
// when they touched the same thing, refuses with their text, which is then shown beside ours.

const CONFLICT = { kind: 'conflict' } as const;

export function transition(state: SaverState, event: SaverEvent): Transition {
  switch (event.type) {
    case 'edited':
      return { state: withContent(state, event.content, state.base), effects: [] };
    case 'saveRequested':
      return requestSave(state, event);
    case 'answered':
      return answered(state, event);
    case 'resolved':
      return resolve(state, event.content);
    case 'recovered': {
      const { baseVersion, baseContent, content } = event.draft;
      const next = withContent(state, content, { version: baseVersion, content: baseContent });
      return { state: next, effects: [{ type: 'replaceContent', content }] };
    }
  }
}

/** The editor's decision on a conflict goes on top of their version, and is saved next. */
function resolve(state: SaverState, content: ReviewContent): Transition {
  if (!state.conflict) return { state, effects: [] };
  const { version, theirs } = state.conflict;
  const settled: SaverState = { ...state, status: { kind: 'clean' }, conflict: null };
  return {
    state: withContent(settled, content, { version, content: theirs }),
    effects: [{ type: 'replaceContent', content }],
  };
}

function withContent(state: SaverState, content: ReviewContent, base: SavedBase): SaverState {
  if (content === state.content && base === state.base) return state;
  return { ...state, content, base, status: settle(state.status, content, base) };
}

function requestSave(
  state: SaverState,
  event: Extract<SaverEvent, { type: 'saveRequested' }>,
): Transition {
  // A conflict is settled by a person in the conflict view, never by saving over it.
  if (state.conflict) {
    const blocked = state.status.kind === 'conflict' ? state : { ...state, status: CONFLICT };
    return { state: blocked, effects: [finish(false)] };
  }
  // The adapter waits for the answer before asking again: two answers must never race.
  if (state.sending) return { state, effects: [finish(false)] };
  // Whatever retry was due is replaced by this save.
  const ready: SaverState = { ...state, retry: null };
  const nothingToSend =
    !event.pull &&
    !event.message &&
    (event.kind === 'autosave' || state.reviewId === null) &&
    deepEqual(state.content, state.base.content);
  if (nothingToSend) return { state: ready, effects: [finish(true)] };
  const content = state.content;
  const request =
    state.reviewId === null
      ? { reviewId: null, content }
      : {
          reviewId: state.reviewId,
          baseVersion: state.base.version,
          kind: event.kind,
          message: event.message,
          content,
        };
  return {
    state: { ...ready, status: { kind: 'saving' }, sending: content },
    effects: [{ type: 'send', request }],
  };
}
