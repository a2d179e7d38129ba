import { describe, expect, it } from 'vitest';
import {
  autosaveRunNote,
  groupRevisions,
  type GroupableRevision,
} from '../../lib/content/revision-groups';
import type { RevisionKind } from '../../lib/content/vocabulary';

const START = Date.UTC(2025, 0, 15, 10, 2);

/** Revisions listed newest first, as the history page gets them. */
function history(
  ...rows: Array<readonly [kind: RevisionKind, authorId: number | null, minutesAfterStart: number]>
): GroupableRevision[] {
  return rows
    .map(([kind, authorId, minutes], i) => ({
      version: i + 1,
      kind,
      authorId,
      createdAt: new Date(START + minutes * 60_000),
    }))
    .reverse();
}

/** Each entry as the versions it stands for, newest first. */
const shape = (entries: ReturnType<typeof groupRevisions>) =>
  entries.map((entry) =>
    entry.type === 'single' ? [entry.revision.version] : entry.revisions.map((r) => r.version),
  );

describe('groupRevisions', () => {
  it('folds a run of autosaves by one author into its newest one', () => {
    const entries = groupRevisions(
      history(
        ['create', 1, 0],
        ['autosave', 1, 0],
        ['autosave', 1, 2],
        ['autosave', 1, 5],
        ['autosave', 1, 7],
        ['save', 1, 8],
      ),
    );
    expect(shape(entries)).toEqual([[6], [5, 4, 3, 2], [1]]);
    const run = entries[1]!;
    expect(run.type).toBe('autosaves');
    expect(run.revision.version).toBe(5);
    expect(run.type === 'autosaves' && autosaveRunNote(run)).toBe('4 autosaves, 10:02–10:09');
  });

  it('starts a new run after ten minutes from the run’s first autosave', () => {
    const entries = groupRevisions(
      history(
        ['autosave', 1, 0],
        ['autosave', 1, 4],
        ['autosave', 1, 9],
        ['autosave', 1, 10],
        ['autosave', 1, 11],
        ['autosave', 1, 19],
      ),
    );
    // 0, 4, 9 and 10 are within ten minutes of 0; 11 starts a run that 19 joins.
    expect(shape(entries)).toEqual([
      [6, 5],
      [4, 3, 2, 1],
    ]);
  });

  it('never groups across authors, manual saves or other kinds', () => {
    const entries = groupRevisions(
      history(
        ['autosave', 1, 0],
        ['autosave', 2, 1],
        ['autosave', 1, 2],
        ['save', 1, 3],
        ['autosave', 1, 4],
        ['restore', 1, 5],
        ['autosave', 1, 6],
        ['publish', 1, 6],
        ['submit', 1, 7],
        ['autosave', null, 8],
        ['autosave', null, 8],
      ),
    );
    expect(shape(entries)).toEqual([[11], [10], [9], [8], [7], [6], [5], [4], [3], [2], [1]]);
  });

  it('keeps manual saves, restores and publishes as their own entries even back to back', () => {
    const kinds: RevisionKind[] = ['seed', 'import', 'create', 'save', 'save', 'submit', 'publish'];
    const entries = groupRevisions(history(...kinds.map((kind, i) => [kind, 1, i] as const)));
    expect(entries.every((entry) => entry.type === 'single')).toBe(true);
    expect(entries).toHaveLength(kinds.length);
  });

  it('leaves a revision the caller marks as standalone out of any run', () => {
    const revisions = history(
      ['autosave', 1, 0],
      ['autosave', 1, 1],
      ['autosave', 1, 2],
      ['autosave', 1, 3],
      ['autosave', 1, 4],
    );
    const entries = groupRevisions(revisions, {
      standalone: (revision) => revision.version === 3,
    });
    expect(shape(entries)).toEqual([[5, 4], [3], [2, 1]]);
  });

  it('keeps every revision exactly once, in order', () => {
    const revisions = history(
      ['create', 1, 0],
      ...Array.from({ length: 30 }, (_, i) => ['autosave', 1, i] as const),
    );
    const versions = shape(groupRevisions(revisions)).flat();
    expect(versions).toEqual(revisions.map((revision) => revision.version));
  });

  it('shows a single time when a run starts and ends in the same minute', () => {
    expect(
      autosaveRunNote({
        revisions: [1, 2],
        from: new Date(START),
        to: new Date(START + 30_000),
      }),
    ).toBe('2 autosaves, 10:02');
  });
});
