import type { LocalDraft } from './local-draft';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Offers back the edits this device kept because they never reached the server. */
export function RecoveryBanner({
  draft,
  onRestore,
  onDiscard,
}: {
  draft: LocalDraft;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  return (
    <div className="recovery-banner" role="alert">
      <p>
        This device has changes to this review that were not saved to the server (last edited{' '}
        {when.format(new Date(draft.savedAt))}). Restore them to keep working on them; they are
        merged with anything saved since.
      </p>
      <div className="row-actions">
        <button type="button" className="button" onClick={onRestore}>
          Restore unsaved changes
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            if (window.confirm('Discard the changes kept on this device? This cannot be undone.'))
              onDiscard();
          }}
        >
          Discard them
        </button>
      </div>
    </div>
  );
}
