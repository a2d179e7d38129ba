'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { restoreRevisionAction } from '../actions';

/** "Restore this version": appends a new revision with this version's content. */
export function RestoreForm({ reviewId, version }: { reviewId: number; version: number }) {
  const [state, action] = useActionState(restoreRevisionAction, null);
  return (
    <form action={action} className="restore-form">
      <input type="hidden" name="reviewId" value={reviewId} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton className="button button-quiet button-small" pendingLabel="Restoring…">
        Restore this version<span className="visually-hidden"> (version {version})</span>
      </SubmitButton>
      {state?.ok === false && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
