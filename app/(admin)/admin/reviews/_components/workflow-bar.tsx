'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { REVIEW_STATUS_LABELS } from '@/lib/content/vocabulary';
import { reviewWorkflowAction, type ReviewActionResult } from '../actions';
import type { WorkflowState } from '../_lib/workflow-state';

export type { WorkflowState };

/** Status and the workflow steps the signed-in user may take. Each saves pending edits first. */
export function WorkflowBar({
  reviewId,
  state,
  beforeAction,
  onChange,
}: {
  reviewId: number;
  state: WorkflowState;
  beforeAction: () => Promise<number | null>;
  /** The review's workflow after a step, straight from the step's answer. */
  onChange: (state: WorkflowState) => void;
}) {
  const router = useRouter();
  const [result, setResult] = useState<ReviewActionResult | null>(null);
  const [pending, setPending] = useState(false);
  const [at, setAt] = useState('');
  const [requesting, setRequesting] = useState(false);
  const [note, setNote] = useState('');

  async function run(
    command:
      | { action: 'submit' | 'publish' | 'unpublish' | 'archive' | 'delete' }
      | { action: 'schedule'; at: string }
      | { action: 'request_changes'; note: string },
  ) {
    setPending(true);
    setResult(null);
    const saved = command.action === 'delete' ? reviewId : await beforeAction();
    if (saved === null) {
      setPending(false);
      return;
    }
    const outcome = await reviewWorkflowAction({ reviewId, ...command }).catch(
      (): ReviewActionResult => ({
        ok: false,
        message: 'The server could not be reached. Try again.',
      }),
    );
    setResult(outcome);
    setPending(false);
    if (outcome.ok && command.action === 'request_changes') {
      setRequesting(false);
      setNote('');
    }
    if (outcome.ok && command.action === 'delete') router.push('/admin');
    else if (outcome.ok && outcome.workflow) onChange(outcome.workflow);
  }

  const { permissions } = state;
  return (
    <div className="workflow-bar" aria-label="Workflow">
      <p className="workflow-status">
        Status: <strong>{REVIEW_STATUS_LABELS[state.status]}</strong>
        {state.status === 'scheduled' &&
          state.scheduledFor &&
          ` for ${new Date(state.scheduledFor).toLocaleString()}`}
        {state.hasUnpublishedChanges && ' · has changes not yet published'}
      </p>
      <div className="row-actions">
        {permissions.submit && (
          <button
            type="button"
            className="button button-quiet"
            disabled={pending}
            onClick={() => run({ action: 'submit' })}
          >
            Submit for review
          </button>
        )}
        {permissions.requestChanges && !requesting && (
          <button
            type="button"
            className="button button-quiet"
            disabled={pending}
            onClick={() => setRequesting(true)}
          >
            Request changes…
          </button>
        )}
        {permissions.publish && (
          <button
            type="button"
            className="button"
            disabled={pending}
            onClick={() => run({ action: 'publish' })}
          >
            {state.isPublished ? 'Publish changes' : 'Publish now'}
          </button>
        )}
        {permissions.publish && (
          <span className="inline-form">
            <label htmlFor="schedule-at">Publish at</label>
            <input
              id="schedule-at"
              type="datetime-local"
              value={at}
              onChange={(event) => setAt(event.target.value)}
            />
            <button
              type="button"
              className="button button-quiet"
              disabled={pending || !at}
              onClick={() => run({ action: 'schedule', at: new Date(at).toISOString() })}
            >
              Schedule
            </button>
          </span>
        )}
        {permissions.unpublish && (
          <button
            type="button"
            className="button button-quiet"
            disabled={pending}
            onClick={() => run({ action: 'unpublish' })}
          >
            Unpublish
          </button>
        )}
        {permissions.archive && (
          <button
            type="button"
            className="button button-quiet"
            disabled={pending}
            onClick={() => run({ action: 'archive' })}
          >
            Archive
          </button>
        )}
        {permissions.delete && (
          <button
            type="button"
            className="button button-quiet button-danger"
            disabled={pending}
            onClick={() => {
              if (
                window.confirm('Delete this review and all its revisions? This cannot be undone.')
              )
                void run({ action: 'delete' });
            }}
          >
            Delete
          </button>
        )}
      </div>
      {permissions.requestChanges && requesting && (
        <div className="request-changes" role="group" aria-labelledby="request-changes-label">
          <label id="request-changes-label" htmlFor="request-changes-note">
            What should change? The writer sees this note at the top of the editor.
          </label>
          <textarea
            id="request-changes-note"
            rows={4}
            value={note}
            maxLength={2000}
            aria-describedby="request-changes-count"
            onChange={(event) => setNote(event.target.value)}
          />
          <p id="request-changes-count" className="muted">
            {note.length.toLocaleString('en')} of 2,000 characters
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="button"
              disabled={pending || note.trim() === ''}
              onClick={() => run({ action: 'request_changes', note })}
            >
              Send back to the writer
            </button>
            <button
              type="button"
              className="button button-quiet"
              disabled={pending}
              onClick={() => setRequesting(false)}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {result && (
        <div
          role={result.ok ? 'status' : 'alert'}
          className={`form-message ${result.ok ? 'success' : 'error'}`}
        >
          {result.ok || !result.missing ? result.message : 'This review cannot be published yet:'}
          {!result.ok && result.missing && (
            <ul className="checklist">
              {result.missing.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
