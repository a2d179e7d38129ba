import { deepEqual } from '@/lib/content/deep-equal';
import type { MergeConflict } from '@/lib/content/merge';
import type { ReviewContent } from '@/lib/content/review-content';
import type { WorkflowState } from '../_lib/workflow-state';
import type { FieldErrors } from './editor-types';
import type { LocalDraft } from './local-draft';
import type { SaveAnswer, SaveKind } from './save-api';

// The review editor's saving as plain data: where the editor's words are (the status line says
// so), what the server is known to have, and what is due next. `review-saver.ts` moves it from
// one state to the next; `use-review-saver.ts` connects it to timers, requests and the page.

export const AUTOSAVE_DELAY_MS = 2_000;
export const RETRY_DELAYS_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

/** What the editor's content was last known to be on the server. */
export type SavedBase = { version: number; content: ReviewContent };

export type SaveStatus =
  /** The server has everything on screen; nothing was saved since the editor opened. */
  | { kind: 'clean' }
  /** Edits the server does not have yet, typed since the save at `savedAt` (if any). */
  | { kind: 'dirty'; savedAt: Date | null }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** The server could not be reached: retried with a growing delay, and when back online. */
  | { kind: 'offline' }
  /** The server failed or asked to wait: retried like `offline`. */
  | { kind: 'failed'; message: string }
  /** The server refused the content (field errors): retrying the same text would not help. */
  | { kind: 'invalid'; message: string }
  /** Signed out, no longer allowed, or the review is gone: nothing is retried. */
  | { kind: 'refused'; message: string; signedOut: boolean }
  /** Someone else changed the same part: a person decides in the conflict view. */
  | { kind: 'conflict' };

export type Conflict = {
  /** Their newest version: a resolution is saved on top of it. */
  version: number;
  theirs: ReviewContent;
  /** Everything that merged cleanly; conflicting places hold their value. */
  merged: ReviewContent;
  conflicts: MergeConflict[];
};

export type SaverState = {
  status: SaveStatus;
  base: SavedBase;
  /** What the editor shows now, which may be newer than the save in flight. */
  content: ReviewContent;
  /** Null until a new review's first save creates it. */
  reviewId: number | null;
  errors: FieldErrors;
  conflict: Conflict | null;
  /** The content of the save in flight, which its answer is about. */
  sending: ReviewContent | null;
  /** Failed saves in a row: each retry waits longer. */
  failures: number;
  /** A retry is due after `delayMs`; a new object for every failure, so each is scheduled. */
  retry: { delayMs: number } | null;
};

/** A new review's first save creates it; later saves name the version they started from. */
export type SaveRequest =
  | { reviewId: null; content: ReviewContent }
  | {
      reviewId: number;
      baseVersion: number;
      kind: SaveKind;
      message?: string;
      content: ReviewContent;
    };

export type SaverEvent =
  | { type: 'edited'; content: ReviewContent }
  /** `pull` sends even without changes, to fetch and merge what others saved since our version. */
  | { type: 'saveRequested'; kind: SaveKind; message?: string; pull?: boolean }
  | {
      type: 'answered';
      answer: SaveAnswer;
      at: Date;
      /** What the browser says about the network when the answer came. */
      online: boolean;
      /** Set when the save created the review. */
      created?: { id: number; workflow?: WorkflowState };
    }
  /** The editor's decision on a conflict, saved next on top of their version. */
  | { type: 'resolved'; content: ReviewContent }
  /** Edits kept on this device taken back into the editor; the next save merges them. */
  | { type: 'recovered'; draft: LocalDraft };

export type SaverEffect =
  | { type: 'send'; request: SaveRequest }
  /** The save that was asked for is over: whether everything typed is saved. */
  | { type: 'finish'; saved: boolean }
  /** The editor's content becomes this (a merge, a resolution, a recovered draft). */
  | { type: 'replaceContent'; content: ReviewContent }
  | { type: 'removeDraft'; reviewId: number | null }
  | { type: 'created'; reviewId: number; workflow?: WorkflowState };

export type Transition = { state: SaverState; effects: SaverEffect[] };

export const NO_ERRORS: FieldErrors = Object.freeze({});

export const finish = (saved: boolean): SaverEffect => ({ type: 'finish', saved });

export function initialSaverState(
  base: SavedBase,
  reviewId: number | null,
  content: ReviewContent = base.content,
): SaverState {
  return {
    status: settle({ kind: 'clean' }, content, base),
    base,
    content,
    reviewId,
    errors: NO_ERRORS,
    conflict: null,
    sending: null,
    failures: 0,
    retry: null,
  };
}

/**
 * The status once `content` is on screen over `base`: only the calm states (clean, dirty,
 * saved) follow typing; a problem or a save in flight is still reported until the next answer.
 * An unchanged status is returned as the same object.
 */
export function settle(status: SaveStatus, content: ReviewContent, base: SavedBase): SaveStatus {
  if (status.kind !== 'clean' && status.kind !== 'dirty' && status.kind !== 'saved') return status;
  const dirty = content !== base.content && !deepEqual(content, base.content);
  if (dirty) {
    if (status.kind === 'dirty') return status;
    return { kind: 'dirty', savedAt: status.kind === 'saved' ? status.at : null };
  }
  if (status.kind !== 'dirty') return status;
  return status.savedAt ? { kind: 'saved', at: status.savedAt } : { kind: 'clean' };
}
