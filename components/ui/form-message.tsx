import type { FormState } from '@/lib/forms';

/** The form's summary, in a live region so screen readers hear the outcome of a submit. */
export function FormMessage({ state }: { state: FormState }) {
  return (
    <div
      role={state.status === 'error' ? 'alert' : 'status'}
      aria-live="polite"
      className={`form-message ${state.status}`}
    >
      {state.message}
    </div>
  );
}
