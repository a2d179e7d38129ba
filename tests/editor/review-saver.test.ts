import { describe, expect, it } from 'vitest';
import { transition } from '@/app/(admin)/admin/reviews/_components/review-saver';
import {
  initialSaverState,
  type SaverEvent,
} from '@/app/(admin)/admin/reviews/_components/review-saver-state';
import {
  AT,
  autosave,
  edit,
  edited,
  failed,
  opened,
  original,
  run,
  savedAs,
  typed,
} from './saver-fixtures';

// The editor's saving, one transition at a time, with no React, timers or network: each test
// walks the state through the events the hook would feed it and checks what it asks for.

describe('typing', () => {
  it('starts clean, and follows edits to dirty and back', () => {
    expect(opened().status).toEqual({ kind: 'clean' });
    const dirty = run(opened(), edited(typed)).state;
    expect(dirty.status).toEqual({ kind: 'dirty', savedAt: null });
    expect(run(dirty, edited({ ...original })).state.status).toEqual({ kind: 'clean' });
  });

  it('starts dirty when the editor opens with other content', () => {
    const state = initialSaverState({ version: 3, content: original }, 7, typed);
    expect(state.status).toEqual({ kind: 'dirty', savedAt: null });
  });

  it('after a save, an edit is unsaved and undoing it shows the save again', () => {
    const saved = run(opened(), edited(typed), autosave, savedAs(4, typed)).state;
    expect(saved.status).toEqual({ kind: 'saved', at: AT });
    const more = run(saved, edited(edit(typed, { dek: 'More.' }))).state;
    expect(more.status).toEqual({ kind: 'dirty', savedAt: AT });
    expect(run(more, edited(typed)).state.status).toEqual({ kind: 'saved', at: AT });
  });

  it('keeps the same state for the same content, and the same status while still dirty', () => {
    const state = opened();
    expect(transition(state, edited(original)).state).toBe(state);
    const dirty = run(state, edited(typed)).state;
    const more = run(dirty, edited(edit(typed, { dek: 'x' }))).state;
    expect(more.status).toBe(dirty.status);
  });

  it('does not hide a save in flight or a problem behind typing', () => {
    const saving = run(opened(), edited(typed), autosave).state;
    expect(run(saving, edited(original)).state.status).toEqual({ kind: 'saving' });
    const offline = run(saving, failed(true)).state;
    expect(run(offline, edited(original)).state.status).toEqual({ kind: 'offline' });
  });
});

describe('asking to save', () => {
  it('sends nothing when there is nothing new, and says everything is saved', () => {
    const step = run(opened(), autosave);
    expect(step.effects).toEqual([{ type: 'finish', saved: true }]);
    expect(step.state.status).toEqual({ kind: 'clean' });
  });

  it('sends an unchanged review when asked by hand, with a note, or to pull', () => {
    for (const event of [
      { type: 'saveRequested', kind: 'save' },
      { type: 'saveRequested', kind: 'autosave', message: 'Note' },
      { type: 'saveRequested', kind: 'autosave', pull: true },
    ] as const)
      expect(run(opened(), event).effects[0]?.type).toBe('send');
  });

  it('sends what is typed on top of the version it started from', () => {
    const step = run(opened(), edited(typed), {
      type: 'saveRequested',
      kind: 'save',
      message: 'N',
    });
    expect(step.state.status).toEqual({ kind: 'saving' });
    expect(step.state.sending).toBe(typed);
    expect(step.effects).toEqual([
      {
        type: 'send',
        request: { reviewId: 7, baseVersion: 3, kind: 'save', message: 'N', content: typed },
      },
    ]);
  });

  it('creates a new review only once something is typed, even when asked by hand', () => {
    const fresh = initialSaverState({ version: 0, content: original }, null);
    const manual: SaverEvent = { type: 'saveRequested', kind: 'save' };
    expect(run(fresh, manual).effects).toEqual([{ type: 'finish', saved: true }]);
    expect(run(fresh, edited(typed), manual).effects).toEqual([
      { type: 'send', request: { reviewId: null, content: typed } },
    ]);
  });

  it('refuses a second save while one is in flight', () => {
    const saving = run(opened(), edited(typed), autosave).state;
    const step = transition(saving, autosave);
    expect(step.state).toBe(saving);
    expect(step.effects).toEqual([{ type: 'finish', saved: false }]);
  });
});
