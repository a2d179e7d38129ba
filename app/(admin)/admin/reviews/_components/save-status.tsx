import type { SaveStatus } from './use-review-saver';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The one line that always says where the editor's words are. A failed save is never silent. */
export function SaveStatusLine({
  status,
  dirty,
  isNew,
}: {
  status: SaveStatus;
  dirty: boolean;
  isNew: boolean;
}) {
  const problem = ['offline', 'retrying', 'invalid', 'refused', 'conflict'].includes(status.kind);
  return (
    <p
      role={problem ? 'alert' : 'status'}
      className={`save-status ${problem ? 'error' : status.kind}`}
    >
      {describe(status, dirty, isNew)}
    </p>
  );
}

function describe(status: SaveStatus, dirty: boolean, isNew: boolean): string {
  switch (status.kind) {
    case 'saving':
      return 'Saving…';
    case 'offline':
      return 'Offline — changes kept on this device';
    case 'retrying':
      return `Save failed — retrying (${status.message})`;
    case 'invalid':
      return `Not saved: ${status.message}`;
    case 'refused':
      return status.signedOut
        ? 'Not saved: you were signed out. Your changes are kept on this device; sign in again in another tab, then save.'
        : `Not saved: ${status.message} Your changes are kept on this device.`;
    case 'conflict':
      return 'Not saved: someone else changed the same part. Choose what to keep below.';
    case 'saved':
      return dirty ? 'Unsaved changes' : `Saved at ${timeFormat.format(status.at)}`;
    case 'idle':
      return dirty ? 'Unsaved changes' : isNew ? 'Not saved yet' : 'All changes saved';
  }
}
