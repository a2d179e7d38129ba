'use client';

import { ConfirmInPlace } from '@/components/ui/confirm-in-place';

import { useActionState, useEffect, useRef, useState } from 'react';
import { deleteMediaAction } from '../actions';
import { MediaUses } from './media-uses';
import styles from './media-detail.module.css';

/**
 * Deleting an image: a quiet button that asks in place first (no browser dialog), then the
 * server's answer. The server decides whether the image is still used, whatever this page
 * showed when it loaded: a refusal names the reviews that use it, with links to them. A
 * delete that succeeds goes back to the library.
 */
export function DeleteMedia({ id, name }: { id: number; name: string }) {
  const [state, action] = useActionState(deleteMediaAction, null);
  const [asking, setAsking] = useState(false);
  // A refusal closes the question, so the answer is what is left to read.
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    if (state?.ok === false) setAsking(false);
  }

  // Focus follows the control: into the question when it opens, back to the button after.
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (asking) question.current?.focus();
    else if (opened.current) opener.current?.focus();
    opened.current = asking;
  }, [asking]);

  return (
    <div className={styles.deleteControl}>
      {state?.ok === false && (
        <div role="alert" className="form-message error">
          <p className={styles.flush}>{state.message}</p>
          {state.uses && <MediaUses uses={state.uses} hidden={0} />}
        </div>
      )}
      {asking ? (
        <ConfirmInPlace
          label={`Delete ${name}`}
          question={`Delete ${name} for good? Its files are removed from the server; this cannot be undone.`}
          confirm="Delete"
          pending="Deleting…"
          action={action}
          fields={{ id }}
          onCancel={() => setAsking(false)}
          questionRef={question}
        />
      ) : (
        <button
          ref={opener}
          type="button"
          className="button button-quiet button-danger"
          onClick={() => setAsking(true)}
        >
          Delete this image…
        </button>
      )}
    </div>
  );
}
