import type { RevisionKind } from './vocabulary';

// How a review's history is listed. Every autosave is stored as its own immutable revision
// (three-way merges need each base version), but listing them one by one would bury the saves
// people chose to make. So, for display only, a run of consecutive autosaves by the same
// author within AUTOSAVE_WINDOW_MS of the run's first one is shown as one entry: its newest
// autosave, with the others listed beneath it. Every other kind is always its own entry.

export const AUTOSAVE_WINDOW_MS = 10 * 60 * 1000;

/** How each kind of revision is labelled in the history. */
export const REVISION_KIND_LABELS: Record<RevisionKind, string> = {
  create: 'Created',
  autosave: 'Autosave',
  save: 'Saved',
  submit: 'Submitted',
  publish: 'Published',
  restore: 'Restored',
  import: 'Imported',
  seed: 'Sample content',
};

export type GroupableRevision = {
  version: number;
  kind: RevisionKind;
  authorId: number | null;
  createdAt: Date;
};

export type RevisionEntry<T extends GroupableRevision> =
  | { type: 'single'; revision: T }
  | {
      type: 'autosaves';
      /** The newest autosave of the run, which stands for it. */
      revision: T;
      /** Every autosave of the run, newest first (the first one is `revision`). */
      revisions: T[];
      from: Date;
      to: Date;
    };

/**
 * Groups revisions (given newest first, as listed) into display entries, newest first. Pure:
 * it never changes or drops a revision, it only decides how they are shown. A revision that
 * `standalone` picks (the published one, say) is never folded into a run.
 */
export function groupRevisions<T extends GroupableRevision>(
  newestFirst: readonly T[],
  options: { windowMs?: number; standalone?: (revision: T) => boolean } = {},
): RevisionEntry<T>[] {
  const windowMs = options.windowMs ?? AUTOSAVE_WINDOW_MS;
  const groupable = (revision: T) =>
    revision.kind === 'autosave' &&
    revision.authorId !== null &&
    !(options.standalone?.(revision) ?? false);
  // Runs are decided from the oldest revision forwards, so a run is anchored at its first one.
  const oldestFirst = [...newestFirst].sort((a, b) => a.version - b.version);
  const runs: T[][] = [];
  /** The run that the next revision may join, if any. */
  let open: T[] | null = null;
  for (const revision of oldestFirst) {
    const first = open?.[0];
    if (
      open &&
      first &&
      groupable(revision) &&
      revision.authorId === first.authorId &&
      revision.createdAt.getTime() - first.createdAt.getTime() <= windowMs
    ) {
      open.push(revision);
      continue;
    }
    const run = [revision];
    runs.push(run);
    open = groupable(revision) ? run : null;
  }
  return runs.reverse().map((members): RevisionEntry<T> => {
    const newest = members[members.length - 1]!;
    if (members.length === 1) return { type: 'single', revision: newest };
    return {
      type: 'autosaves',
      revision: newest,
      revisions: [...members].reverse(),
      from: members[0]!.createdAt,
      to: newest.createdAt,
    };
  });
}

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "4 autosaves, 10:02–10:09" (UTC, as the history page shows times). */
export function autosaveRunNote(entry: { revisions: readonly unknown[]; from: Date; to: Date }) {
  const [from, to] = [clock.format(entry.from), clock.format(entry.to)];
  const span = from === to ? from : `${from}–${to}`;
  return `${entry.revisions.length} autosaves, ${span}`;
}
