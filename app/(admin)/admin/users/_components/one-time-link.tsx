import type { FormState } from '@/lib/forms';

/** Shows an action's message and, once, the one-time link it produced. */
export function ActionOutcome({ state, id }: { state: FormState; id?: string }) {
  return (
    <div
      id={id}
      role={state.status === 'error' ? 'alert' : 'status'}
      aria-live="polite"
      className={`form-message ${state.status}`}
    >
      {state.message}
      {state.result?.link && (
        <input
          className="one-time-link"
          readOnly
          value={state.result.link}
          aria-label="One-time link"
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </div>
  );
}
