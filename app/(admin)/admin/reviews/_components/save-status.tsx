import type { SaveStatus } from './review-saver-state';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

const PROBLEMS: SaveStatus['kind'][] = ['offline', 'failed', 'invalid', 'refused', 'conflict'];

/** The one line that always says where the editor's words are. A failed save is never silent. */
export function SaveStatusLine({ status, isNew }: { status: SaveStatus; isNew: boolean }) {
  const problem = PROBLEMS.includes(status.kind);
  return (
    <p
      role={problem ? 'alert' : 'status'}
      className={`save-status ${problem ? 'error' : status.kind}`}
    >
      {describe(status, isNew)}
    </p>
  );
}

function describe(status: SaveStatus, isNew: boolean): string {
  switch (status.kind) {
    case 'clean':
      return isNew ? 'Not saved yet' : 'All changes saved';
    case 'dirty':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${timeFormat.format(status.at)}`;
    case 'offline':
      return 'Offline — changes kept on this device';
    case 'failed':
      return `Save failed — retrying (${status.message})`;
    case 'invalid':
      return `Not saved: ${status.message}`;
    case 'refused':
      return status.signedOut
        ? 'Not saved: you were signed out. Your changes are kept on this device; sign in again in another tab, then save.'
        : `Not saved: ${status.message} Your changes are kept on this device.`;
    case 'conflict':
      return 'Not saved: someone else changed the same part. Choose what to keep below.';
  }
}
