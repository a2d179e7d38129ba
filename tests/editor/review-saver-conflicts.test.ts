import { describe, expect, it } from 'vitest';
import type { SaverEvent } from '@/app/(admin)/admin/reviews/_components/review-saver-state';
import { answer, autosave, edit, edited, opened, original, run, typed } from './saver-fixtures';

// Saves the server will not take as they are: someone else changed the same part (a person
// decides), or the editor may not save at all (signed out, no longer allowed). And edits kept
// on the device, taken back into the editor.

const later = edit(typed, { dek: 'My dek, typed during the save.' });
const theirs = edit(original, { headline: 'Their headline' });
const conflictAnswer = answer({
  status: 'conflict',
  message: 'Someone else changed the same part.',
  version: 5,
  theirs,
  conflicts: [],
});
const manualSave: SaverEvent = { type: 'saveRequested', kind: 'save' };

/** A conflict met by an autosave, with more typed while it was in flight. */
const inConflict = () => run(opened(), edited(typed), autosave, edited(later), conflictAnswer);

describe('a conflict while saving', () => {
  it('shows both texts, merged against what is on screen now', () => {
    const { state, effects } = inConflict();
    expect(state.status).toEqual({ kind: 'conflict' });
    expect(effects).toEqual([{ type: 'finish', saved: false }]);
    expect(state.conflict).toMatchObject({ version: 5, theirs });
    expect(state.conflict!.conflicts.map((conflict) => conflict.path)).toEqual(['headline']);
    // What merged cleanly includes what was typed during the save.
    expect(state.conflict!.merged.dek).toBe(later.dek);
    // Nothing typed is discarded, and the base stays what this editor last saved.
    expect(state.content).toBe(later);
    expect(state.base.version).toBe(3);
  });

  it('refuses every save until a person decides', () => {
    const { state } = inConflict();
    for (const event of [autosave, manualSave, edited(original)]) {
      const step = run(state, event, autosave);
      expect(step.effects).toEqual([{ type: 'finish', saved: false }]);
      expect(step.state.status).toEqual({ kind: 'conflict' });
    }
  });

  it('saves the decision on top of their version', () => {
    const resolved = edit(theirs, { headline: 'Both agree', dek: later.dek });
    const step = run(inConflict().state, { type: 'resolved', content: resolved });
    expect(step.state.conflict).toBeNull();
    expect(step.state.base).toEqual({ version: 5, content: theirs });
    expect(step.state.content).toBe(resolved);
    expect(step.state.status).toEqual({ kind: 'dirty', savedAt: null });
    expect(step.effects).toEqual([{ type: 'replaceContent', content: resolved }]);
    const sent = run(step.state, { ...manualSave, message: 'Merged after a conflict' });
    expect(sent.effects).toEqual([
      {
        type: 'send',
        request: {
          reviewId: 7,
          baseVersion: 5,
          kind: 'save',
          message: 'Merged after a conflict',
          content: resolved,
        },
      },
    ]);
  });

  it('has nothing to resolve without a conflict', () => {
    const state = opened();
    expect(run(state, { type: 'resolved', content: typed })).toEqual({ state, effects: [] });
  });
});

describe('a refused save', () => {
  it('says why, and is not retried', () => {
    const refused = answer({ status: 'refused', message: 'Signed out.', signedOut: true });
    const { state, effects } = run(opened(), edited(typed), autosave, refused);
    expect(state.status).toEqual({ kind: 'refused', message: 'Signed out.', signedOut: true });
    expect(state.retry).toBeNull();
    expect(effects).toEqual([{ type: 'finish', saved: false }]);
    // Typing on does not hide it; a later save may try again once signed in.
    expect(run(state, edited(later)).state.status.kind).toBe('refused');
    expect(run(state, manualSave).effects[0]?.type).toBe('send');
  });
});

describe('edits kept on this device', () => {
  it('come back into the editor on the version they were based on', () => {
    const draft = { baseVersion: 2, baseContent: original, content: typed, savedAt: 0 };
    const step = run(opened(), { type: 'recovered', draft });
    expect(step.state.base).toEqual({ version: 2, content: original });
    expect(step.state.status).toEqual({ kind: 'dirty', savedAt: null });
    expect(step.effects).toEqual([{ type: 'replaceContent', content: typed }]);
    // The next save merges them with whatever was saved since version 2.
    expect(run(step.state, autosave).effects[0]).toMatchObject({ request: { baseVersion: 2 } });
  });
});
