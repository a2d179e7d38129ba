'use client';

import type { ReactNode, Ref } from 'react';
import { SubmitButton } from './submit-button';

/**
 * The second step of a destructive action, in place of its button (no browser dialog): the
 * question, the real button and Cancel, as one labelled group whose form posts `fields`.
 */
export function ConfirmInPlace({
  label,
  question,
  confirm,
  pending,
  action,
  fields,
  onCancel,
  questionRef,
}: {
  /** The group's accessible name: "Deactivate Ana". */
  label: string;
  question: ReactNode;
  /** The confirming button's text: "Deactivate". */
  confirm: string;
  pending?: string;
  action: (formData: FormData) => void;
  fields: Record<string, string | number>;
  onCancel: () => void;
  /** Focus moves here when the question appears (the caller decides). */
  questionRef?: Ref<HTMLParagraphElement>;
}) {
  return (
    <form action={action} className="confirm-inline" role="group" aria-label={label}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p ref={questionRef} tabIndex={-1} className="confirm-inline-question">
        {question}
      </p>
      <SubmitButton
        className="button button-small button-quiet button-danger"
        pendingLabel={pending}
      >
        {confirm}
      </SubmitButton>
      <button type="button" className="button button-small button-quiet" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
