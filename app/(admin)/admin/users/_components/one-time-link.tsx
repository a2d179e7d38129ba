import { outcomeOf } from '@/lib/action-result';
import type { UserActionResult } from '../actions';

/** Shows an action's message and, once, the one-time link it produced. */
export function ActionOutcome({ state, id }: { state: UserActionResult | null; id?: string }) {
  const outcome = outcomeOf(state);
  return (
    <div
      id={id}
      role={outcome === 'error' ? 'alert' : 'status'}
      aria-live="polite"
      className={`form-message ${outcome}`}
    >
      {state?.message}
      {state?.link && (
        <input
          className="one-time-link"
          readOnly
          value={state.link}
          aria-label="One-time link"
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </div>
  );
}
