'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { deepEqual } from '@/lib/content/deep-equal';
import { mergeReviewContent, type MergeConflict } from '@/lib/content/merge';
import type { ReviewContent } from '@/lib/content/review-content';
import { createReviewAction } from '../actions';
import type { WorkflowState } from '../_lib/workflow-state';
import type { FieldErrors } from './editor-types';
import { readLocalDraft, removeLocalDraft, writeLocalDraft, type LocalDraft } from './local-draft';
import { postSave, type SaveAnswer, type SaveKind } from './save-api';

// Saving for the review editor: autosave a moment after typing stops and whenever the page is
// hidden, manual saves, retries, the copy kept on this device, and conflicts. Every save
// names the version it started from; the server merges other people's changes or, when they
// touched the same thing, refuses with their text, which is then shown here beside ours.

export const AUTOSAVE_DELAY_MS = 2_000;
const RETRY_DELAYS_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

/** What the editor's content was last known to be on the server. */
export type SavedBase = { version: number; content: ReviewContent };

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'retrying'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'refused'; message: string; signedOut: boolean }
  | { kind: 'conflict' };

export type Conflict = {
  /** Their newest version: a resolution is saved on top of it. */
  version: number;
  theirs: ReviewContent;
  /** Everything that merged cleanly; conflicting places hold their value. */
  merged: ReviewContent;
  conflicts: MergeConflict[];
};

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

export function useReviewSaver({
  userId,
  reviewId,
  base: initialBase,
  content,
  replaceContent,
  onCreated,
  enabled,
}: Options) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [base, setBaseState] = useState(initialBase);
  // Refs for code that runs after an await, where state captured at the call is stale.
  const baseRef = useRef(initialBase);
  const latest = useRef(content);
  const idRef = useRef(reviewId);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const retries = useRef(0);
  const conflictRef = useRef(conflict);
  const setBase = useCallback((next: SavedBase) => {
    baseRef.current = next;
    setBaseState(next);
  }, []);

  useEffect(() => {
    latest.current = content;
  }, [content]);
  useEffect(() => {
    conflictRef.current = conflict;
  }, [conflict]);

  const dirty = !deepEqual(content, base.content);

  // Every unsent change is kept on this device until the server has it.
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setTimeout(() => {
      if (dirty) {
        const draft: LocalDraft = {
          baseVersion: baseRef.current.version,
          baseContent: baseRef.current.content,
          content,
          savedAt: Date.now(),
        };
        writeLocalDraft(userId, idRef.current, draft);
      } else removeLocalDraft(userId, idRef.current);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [content, dirty, enabled, userId]);

  // A failed save is retried with a growing delay, and at once when the browser is back online.
  const retryTimer = useRef<number | undefined>(undefined);
  const saveRef = useRef<(kind: SaveKind) => Promise<boolean>>(async () => false);
  const fail = useCallback((answer: { offline: boolean; message: string }): false => {
    const offline = answer.offline || !navigator.onLine;
    setStatus(offline ? { kind: 'offline' } : { kind: 'retrying', message: answer.message });
    const delay = RETRY_DELAYS_MS[Math.min(retries.current, RETRY_DELAYS_MS.length - 1)]!;
    retries.current++;
    window.clearTimeout(retryTimer.current);
    retryTimer.current = window.setTimeout(() => void saveRef.current('autosave'), delay);
    return false;
  }, []);

  /** Folds a merged save back into what was typed while it was in flight. */
  const adopt = useCallback(
    (answer: Extract<SaveAnswer, { status: 'saved' }>, sent: ReviewContent) => {
      if (!answer.merged) {
        setBase({ version: answer.version, content: sent });
        return;
      }
      const rebased = mergeReviewContent(sent, answer.content, latest.current);
      // Someone changed what is being typed right now: keep the old base, so the next save
      // meets their change as a conflict and both texts are shown.
      if (rebased.conflicts.length > 0) return;
      setBase({ version: answer.version, content: answer.content });
      if (!deepEqual(rebased.content, latest.current)) {
        latest.current = rebased.content;
        replaceContent(rebased.content);
      }
    },
    [replaceContent, setBase],
  );

  const send = useCallback(
    async (kind: SaveKind, options: SaveOptions) => {
      const sent = latest.current;
      const id = idRef.current;
      setStatus({ kind: 'saving' });
      if (id === null) {
        // Sent as plain JSON: ProseMirror's attribute objects are not plain objects, which React
        // would pass to the server as opaque references rather than data.
        const plain = JSON.parse(JSON.stringify(sent)) as ReviewContent;
        const created = await createReviewAction({ content: plain }).catch(() => null);
        if (!created) return fail({ offline: true, message: 'The server could not be reached.' });
        if (!created.ok) {
          setErrors(created.errors ?? {});
          setStatus({ kind: 'invalid', message: created.message });
          return false;
        }
        idRef.current = created.id;
        removeLocalDraft(userId, null);
        setBase({ version: created.version ?? 1, content: sent });
        succeed();
        onCreated(created.id, created.workflow);
        return true;
      }
      const answer = await postSave(
        id,
        { baseVersion: baseRef.current.version, kind, message: options.message, content: sent },
        { keepalive: options.keepalive },
      );
      switch (answer.status) {
        case 'saved':
          adopt(answer, sent);
          if (deepEqual(latest.current, baseRef.current.content)) removeLocalDraft(userId, id);
          succeed();
          return true;
        case 'conflict': {
          // Recomputed here against what is on screen now, which may be newer than `sent`.
          const merge = mergeReviewContent(baseRef.current.content, answer.theirs, latest.current);
          setConflict({
            version: answer.version,
            theirs: answer.theirs,
            merged: merge.content,
            conflicts: merge.conflicts,
          });
          setStatus({ kind: 'conflict' });
          return false;
        }
        case 'invalid':
          setErrors(answer.errors);
          setStatus({ kind: 'invalid', message: answer.message });
          return false;
        case 'refused':
          setStatus({ kind: 'refused', message: answer.message, signedOut: answer.signedOut });
          return false;
        case 'failed':
          return fail(answer);
      }

      function succeed() {
        retries.current = 0;
        setErrors({});
        setStatus({ kind: 'saved', at: new Date() });
      }
    },
    [adopt, fail, onCreated, setBase, userId],
  );

  /** Saves now, after any save in flight; resolves to whether everything typed is saved. */
  const save = useCallback(
    async (kind: SaveKind, options: SaveOptions = {}) => {
      if (conflictRef.current) {
        setStatus({ kind: 'conflict' });
        return false;
      }
      while (inFlight.current) await inFlight.current;
      window.clearTimeout(retryTimer.current);
      const nothingToSend =
        !options.pull &&
        deepEqual(latest.current, baseRef.current.content) &&
        (kind === 'autosave' || idRef.current === null) &&
        !options.message;
      if (nothingToSend) return true;
      const run = send(kind, options);
      inFlight.current = run;
      try {
        return await run;
      } finally {
        inFlight.current = null;
      }
    },
    [send],
  );

  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  // Autosave a moment after typing stops.
  useEffect(() => {
    if (!enabled || !dirty || conflict) return;
    const timer = window.setTimeout(() => void save('autosave'), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [content, dirty, conflict, enabled, save]);

  // Save at once when the page is hidden (tab switched, window closed) and when the network
  // comes back; `keepalive` lets the request finish after the page is gone.
  useEffect(() => {
    if (!enabled) return;
    const flush = () => {
      if (document.visibilityState === 'hidden') void save('autosave', { keepalive: true });
    };
    const online = () => void save('autosave');
    document.addEventListener('visibilitychange', flush);
    window.addEventListener('pagehide', flush);
    window.addEventListener('online', online);
    return () => {
      document.removeEventListener('visibilitychange', flush);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('online', online);
      window.clearTimeout(retryTimer.current);
    };
  }, [enabled, save]);

  /** Saves the editor's decision on a conflict on top of their version. */
  const resolve = useCallback(
    (resolved: ReviewContent) => {
      const current = conflictRef.current;
      if (!current) return Promise.resolve(false);
      setBase({ version: current.version, content: current.theirs });
      conflictRef.current = null;
      setConflict(null);
      latest.current = resolved;
      replaceContent(resolved);
      return save('save', { message: 'Merged after a conflict' });
    },
    [replaceContent, save, setBase],
  );

  /** Takes edits kept on this device back into the editor; the next save merges them. */
  const recover = useCallback(
    (draft: LocalDraft) => {
      setBase({ version: draft.baseVersion, content: draft.baseContent });
      latest.current = draft.content;
      replaceContent(draft.content);
    },
    [replaceContent, setBase],
  );

  /** The review's id once it exists (a new review gets one from its first save). */
  const savedReviewId = useCallback(() => idRef.current, []);
  /** The newest version this editor knows the server has. */
  const savedVersion = useCallback(() => baseRef.current.version, []);

  return {
    status,
    errors,
    conflict,
    dirty,
    base,
    save,
    resolve,
    recover,
    savedReviewId,
    savedVersion,
  };
}

/** Edits kept on this device from an earlier visit that the server does not have. */
export function unsentLocalDraft(
  userId: number,
  reviewId: number | null,
  serverContent: ReviewContent,
): LocalDraft | null {
  const draft = readLocalDraft(userId, reviewId);
  if (!draft || deepEqual(draft.content, serverContent)) return null;
  return draft;
}

export { removeLocalDraft };
