import { outcomeOf, type ActionState } from '@/lib/action-result';

/** The form's summary, in a live region so screen readers hear the outcome of a submit. */
export function FormMessage({ state }: { state: ActionState }) {
  const outcome = outcomeOf(state);
  return (
    <div
      role={outcome === 'error' ? 'alert' : 'status'}
      aria-live="polite"
      className={`form-message ${outcome}`}
    >
      {state?.message}
    </div>
  );
}
