'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { deepEqual } from '@/lib/content/deep-equal';
import type { ReviewContent } from '@/lib/content/review-content';
import type { WorkflowState } from '../_lib/workflow-state';
import { removeLocalDraft, type LocalDraft } from './local-draft';
import { transition } from './review-saver';
import {
  initialSaverState,
  settle,
  type SavedBase,
  type SaverEffect,
  type SaverEvent,
  type SaverState,
} from './review-saver-state';
import type { SaveKind } from './save-api';
import { sendSave } from './send-save';
import { useDeviceCopy } from './use-device-copy';
import { useSaveTriggers } from './use-save-triggers';

// Saving for the review editor: manual saves, autosaves (use-save-triggers.ts), retries and
// the copy kept on this device. What each event does is decided by the pure `transition`
// (review-saver.ts); this hook only connects it to React, the network and local storage.

type SaveOptions = {
  /** A note for history (manual saves). */
  message?: string;
  /** Let the request outlive the page (sent while the page is being hidden or closed). */
  keepalive?: boolean;
  /** Send even without changes, to fetch and merge what others saved since our version. */
  pull?: boolean;
};

type Options = {
  /** The signed-in staff member: unsent edits are kept on this device under their id. */
  userId: number;
  reviewId: number | null;
  base: SavedBase;
  content: ReviewContent;
  /** Replaces the editor's content with a merge that includes other people's changes. */
  replaceContent: (content: ReviewContent) => void;
  /** A new review got its id (and workflow) from its first save. */
  onCreated: (id: number, workflow: WorkflowState | undefined) => void;
  enabled: boolean;
};

export function useReviewSaver({ userId, enabled, content, ...options }: Options) {
  const { view, current, dispatch } = useSaverState({ userId, content, ...options });
  const inFlight = useRef<Promise<boolean> | null>(null);
  const dirty = !deepEqual(content, view.base.content);

  /** Saves now, after any save in flight; resolves to whether everything typed is saved. */
  const save = useCallback(
    async (kind: SaveKind, { message, pull, keepalive }: SaveOptions = {}): Promise<boolean> => {
      // A conflict refuses at once; other saves wait their turn, each on the last one's answer.
      if (!current().conflict) while (inFlight.current) await inFlight.current;
      const asked = dispatch({ type: 'saveRequested', kind, message, pull });
      const send = asked.find((effect) => effect.type === 'send');
      if (!send) return finished(asked);
      const run = sendSave(send.request, keepalive).then((reply) =>
        finished(
          dispatch({ type: 'answered', ...reply, at: new Date(), online: navigator.onLine }),
        ),
      );
      inFlight.current = run;
      try {
        return await run;
      } finally {
        inFlight.current = null;
      }
    },
    [current, dispatch],
  );

  useDeviceCopy({ enabled, userId, content, dirty, saver: current });
  useSaveTriggers({ enabled, content, dirty, conflict: view.conflict, retry: view.retry, save });

  /** Saves the editor's decision on a conflict on top of their version. */
  const resolve = useCallback(
    (resolved: ReviewContent) => {
      if (!current().conflict) return Promise.resolve(false);
      dispatch({ type: 'resolved', content: resolved });
      return save('save', { message: 'Merged after a conflict' });
    },
    [current, dispatch, save],
  );

  /** Takes edits kept on this device back into the editor; the next save merges them. */
  const recover = useCallback(
    (draft: LocalDraft) => void dispatch({ type: 'recovered', draft }),
    [dispatch],
  );
  /** The review's id once it exists (a new review gets one from its first save). */
  const savedReviewId = useCallback(() => current().reviewId, [current]);
  /** The newest version this editor knows the server has. */
  const savedVersion = useCallback(() => current().base.version, [current]);

  return {
    // Settled against what is rendered now: the state hears of the newest typing only after.
    status: settle(view.status, content, view.base),
    errors: view.errors,
    conflict: view.conflict,
    dirty,
    base: view.base,
    save,
    resolve,
    recover,
    savedReviewId,
    savedVersion,
  };
}

/** The saver's state, stepped by `transition`, with the effects that touch the page run. */
function useSaverState(props: Omit<Options, 'enabled'>) {
  const { userId, reviewId, base, content, replaceContent, onCreated } = props;
  const [view, setView] = useState(() => initialSaverState(base, reviewId, content));
  // The newest state, for code that runs after an await, where the rendered one may be stale.
  const machine = useRef(view);
  const current = useCallback(() => machine.current, []);

  const dispatch = useCallback(
    (event: SaverEvent): SaverEffect[] => {
      const { state, effects } = transition(machine.current, event);
      if (!onlyTyping(machine.current, state)) setView(state);
      machine.current = state;
      for (const effect of effects) {
        if (effect.type === 'replaceContent') replaceContent(effect.content);
        else if (effect.type === 'removeDraft') removeLocalDraft(userId, effect.reviewId);
        else if (effect.type === 'created') onCreated(effect.reviewId, effect.workflow);
      }
      return effects;
    },
    [onCreated, replaceContent, userId],
  );

  useEffect(() => void dispatch({ type: 'edited', content }), [content, dispatch]);
  return { view, current, dispatch };
}

const finished = (effects: SaverEffect[]) =>
  effects.some((effect) => effect.type === 'finish' && effect.saved);

/** Typing alone changes only `content`, which the editor renders from its own state already. */
function onlyTyping(before: SaverState, after: SaverState): boolean {
  const keys = Object.keys(after) as (keyof SaverState)[];
  return keys.every((key) => key === 'content' || before[key] === after[key]);
}
