import { describe, expect, it } from 'vitest';
import { initialSaverState } from '@/app/(admin)/admin/reviews/_components/review-saver-state';
import {
  answer,
  AT,
  autosave,
  createdAs,
  edit,
  edited,
  failed,
  opened,
  original,
  run,
  savedAs,
  typed,
} from './saver-fixtures';

// What the saver does with the answer to the save in flight: a success (merged or not, with
// edits made meanwhile), a new review's creation, invalid content, and failures and retries.
// Conflicts and refusals: review-saver-conflicts.test.ts.

const saving = () => run(opened(), edited(typed), autosave).state;

describe('a save that went through', () => {
  it('is saved, keeps that text as the base and drops the device copy', () => {
    const step = run(saving(), savedAs(4, typed));
    expect(step.state.status).toEqual({ kind: 'saved', at: AT });
    expect(step.state.base).toEqual({ version: 4, content: typed });
    expect(step.state.sending).toBeNull();
    expect(step.effects).toEqual([
      { type: 'removeDraft', reviewId: 7 },
      { type: 'finish', saved: true },
    ]);
  });

  it('leaves edits made during the save unsaved, with the device copy kept', () => {
    const later = edit(typed, { dek: 'Typed meanwhile.' });
    const step = run(saving(), edited(later), savedAs(4, typed));
    expect(step.state.status).toEqual({ kind: 'dirty', savedAt: AT });
    expect(step.state.base.content).toBe(typed);
    expect(step.state.content).toBe(later);
    expect(step.effects).toEqual([{ type: 'finish', saved: true }]);
  });

  it('folds a merge into the editor, with edits made during the save kept', () => {
    const merged = edit(typed, { dek: 'Their dek.' });
    const later = edit(typed, { rating: null, genres: [{ name: 'Thriller', slug: 'thriller' }] });
    const step = run(saving(), edited(later), savedAs(5, merged, true));
    expect(step.state.base).toEqual({ version: 5, content: merged });
    expect(step.state.content).toMatchObject({
      dek: 'Their dek.',
      genres: [{ name: 'Thriller', slug: 'thriller' }],
    });
    expect(step.effects[0]).toEqual({ type: 'replaceContent', content: step.state.content });
    expect(step.state.status.kind).toBe('dirty');
  });

  it('keeps the old base when their merged change meets what is being typed', () => {
    const merged = edit(typed, { dek: 'Their dek.' });
    const step = run(saving(), edited(edit(typed, { dek: 'My dek.' })), savedAs(5, merged, true));
    expect(step.state.base).toEqual({ version: 3, content: original });
    expect(step.effects).toEqual([{ type: 'finish', saved: true }]);
  });

  it('gives a new review its id from the first save', () => {
    const fresh = initialSaverState({ version: 0, content: original }, null);
    const step = run(fresh, edited(typed), autosave, createdAs(12, typed));
    expect(step.state.reviewId).toBe(12);
    expect(step.state.base).toEqual({ version: 1, content: typed });
    expect(step.effects).toEqual([
      { type: 'removeDraft', reviewId: null },
      { type: 'created', reviewId: 12, workflow: undefined },
      { type: 'finish', saved: true },
    ]);
    expect(run(step.state, edited(original), autosave).effects[0]).toMatchObject({
      request: { reviewId: 12, baseVersion: 1 },
    });
  });

  it('clears field errors from an earlier invalid save', () => {
    const errors = { headline: ['Too long.'] };
    const invalid = run(saving(), answer({ status: 'invalid', message: 'Fix it.', errors }));
    expect(invalid.state.status).toEqual({ kind: 'invalid', message: 'Fix it.' });
    expect(invalid.state.errors).toBe(errors);
    expect(invalid.effects).toEqual([{ type: 'finish', saved: false }]);
    const fixed = run(invalid.state, autosave, savedAs(4, typed)).state;
    expect(fixed.errors).toEqual({});
  });
});

describe('a save that failed', () => {
  it('is offline when the request never arrived, and due for a retry', () => {
    const step = run(saving(), failed(true));
    expect(step.state.status).toEqual({ kind: 'offline' });
    expect(step.state.retry).toEqual({ delayMs: 2_000 });
    expect(step.effects).toEqual([{ type: 'finish', saved: false }]);
  });

  it('is offline when the browser says so, whatever the answer', () => {
    const step = run(saving(), answer({ status: 'failed', offline: false, message: 'x' }, false));
    expect(step.state.status).toEqual({ kind: 'offline' });
  });

  it('says why the server failed, and keeps saying so while typing goes on', () => {
    const step = run(saving(), failed(false, 'Too many saves.'), edited(original));
    expect(step.state.status).toEqual({ kind: 'failed', message: 'Too many saves.' });
  });

  it('waits longer after each failure in a row, and starts over after a success', () => {
    let state = saving();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      state = run(state, failed(i % 2 === 0)).state;
      delays.push(state.retry!.delayMs);
      state = run(state, autosave).state;
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 15_000, 30_000, 30_000]);
    state = run(state, savedAs(4, typed), edited(original), autosave, failed(true)).state;
    expect(state.retry).toEqual({ delayMs: 2_000 });
  });

  it('is sent again when the browser is back online, replacing the retry that was due', () => {
    const offline = run(saving(), failed(true)).state;
    const retried = run(offline, autosave);
    expect(retried.state.status).toEqual({ kind: 'saving' });
    expect(retried.state.retry).toBeNull();
    expect(retried.effects).toEqual([
      {
        type: 'send',
        request: {
          reviewId: 7,
          baseVersion: 3,
          kind: 'autosave',
          content: typed,
          message: undefined,
        },
      },
    ]);
    expect(run(retried.state, savedAs(4, typed)).state.status).toEqual({ kind: 'saved', at: AT });
  });

  it('ignores an answer when no save is in flight', () => {
    const state = opened();
    expect(run(state, savedAs(9, typed))).toEqual({ state, effects: [] });
  });
});
