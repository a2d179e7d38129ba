import type { RevisionListItem } from '@/db/reviews/history';
import {
  autosaveRunNote,
  REVISION_KIND_LABELS,
  type RevisionEntry,
} from '@/lib/content/revision-groups';
import type { Selection } from '../_lib/history-query';
import { RestoreForm } from './restore-form';

// One entry of a review's history: a revision, or a run of autosaves folded into one row, with
// its From/To radios for the compare form and, for those who may, "Restore this version".

/** Times on the history page: stored in UTC and shown so. */
export const timeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

function VersionRadio({
  name,
  version,
  selected,
  visibleLabel,
}: {
  name: 'from' | 'to';
  version: number;
  selected: Selection;
  visibleLabel?: boolean;
}) {
  const text = name === 'from' ? 'From' : 'To';
  return (
    <label className="compare-radio">
      <input
        type="radio"
        form="compare-form"
        name={name}
        value={version}
        defaultChecked={selected[name] === version}
        aria-label={`${text} version ${version}`}
      />
      {visibleLabel ? ` ${text}` : null}
    </label>
  );
}

function authorLabel(revision: RevisionListItem): string {
  if (revision.authorName) return revision.authorName;
  return revision.kind === 'seed' || revision.kind === 'import' ? 'System' : 'Former staff member';
}

export function HistoryRow({
  entry,
  reviewId,
  head,
  canRestore,
  selected,
}: {
  entry: RevisionEntry<RevisionListItem>;
  reviewId: number;
  head: number;
  canRestore: boolean;
  selected: Selection;
}) {
  const revision = entry.revision;
  const grouped = entry.type === 'autosaves' ? entry : null;
  const holdsSelection =
    grouped?.revisions.some(
      (member) =>
        member !== revision && (member.version === selected.from || member.version === selected.to),
    ) ?? false;
  return (
    <tr className={revision.version === head ? 'history-head' : undefined}>
      <td className="compare-cell">
        <VersionRadio name="from" version={revision.version} selected={selected} />
      </td>
      <td className="compare-cell">
        <VersionRadio name="to" version={revision.version} selected={selected} />
      </td>
      <th scope="row" className="history-version">
        {revision.version}
      </th>
      <td>
        <span className="history-kind">{REVISION_KIND_LABELS[revision.kind]}</span>
        {revision.isPublished && <span className="status status-published">Published</span>}
        {revision.version === head && <span className="status">Current draft</span>}
        {revision.message && <div className="muted small">{revision.message}</div>}
        {grouped && (
          <details className="autosave-run" open={holdsSelection}>
            <summary>{autosaveRunNote(grouped)}</summary>
            <ul>
              {grouped.revisions.map((member) => (
                <li key={member.id}>
                  <span>
                    Version {member.version},{' '}
                    <time dateTime={member.createdAt.toISOString()}>
                      {timeFormat.format(member.createdAt)}
                    </time>
                  </span>
                  {member === revision ? (
                    <span className="muted"> (this row)</span>
                  ) : (
                    <>
                      <VersionRadio
                        name="from"
                        version={member.version}
                        selected={selected}
                        visibleLabel
                      />
                      <VersionRadio
                        name="to"
                        version={member.version}
                        selected={selected}
                        visibleLabel
                      />
                      {canRestore && <RestoreForm reviewId={reviewId} version={member.version} />}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td>{authorLabel(revision)}</td>
      <td>
        <time dateTime={revision.createdAt.toISOString()}>
          {timeFormat.format(revision.createdAt)}
        </time>
      </td>
      <td>
        {canRestore && revision.version !== head && (
          <RestoreForm reviewId={reviewId} version={revision.version} />
        )}
      </td>
    </tr>
  );
}
