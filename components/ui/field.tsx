import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

type FieldProps = {
  label: string;
  name: string;
  errors?: string[];
  hint?: ReactNode;
  /** The field's length limit: a live counter appears as the text nears it. */
  limit?: number;
};

/** A labelled input with its errors announced and linked through aria-describedby. */
export function TextField({
  label,
  name,
  errors,
  hint,
  id,
  limit,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const fieldId = id ?? `field-${name}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = errors?.length ? `${fieldId}-error` : undefined;
  const length = typeof input.value === 'string' ? input.value.length : 0;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={fieldId}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {limit !== undefined && <LengthCounter length={length} limit={limit} />}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/**
 * "287 of 300 characters", shown from 80% of the limit on ("12 over the limit of 300" past
 * it), announced politely. Nothing is cut: the save says what is too long and keeps it.
 */
export function LengthCounter({ length, limit }: { length: number; limit: number }) {
  if (length < limit * 0.8) return null;
  const over = length - limit;
  return (
    <p className={`field-counter${over > 0 ? ' field-counter-over' : ''}`} aria-live="polite">
      {over > 0
        ? `${over.toLocaleString('en')} over the limit of ${limit.toLocaleString('en')} characters`
        : `${length.toLocaleString('en')} of ${limit.toLocaleString('en')} characters`}
    </p>
  );
}

export function SelectField({
  label,
  name,
  errors,
  id,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const fieldId = id ?? `field-${name}`;
  const errorId = errors?.length ? `${fieldId}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <select
        id={fieldId}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        {...select}
      >
        {children}
      </select>
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

function FieldError({ id, errors }: { id?: string; errors?: string[] }) {
  if (!id || !errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errors.join(' ')}
    </p>
  );
}
