import { z } from 'zod';

// The shape every Server Action form returns, following Next's form guide: field errors shown
// next to their fields, a summary message, and what was typed so nothing is lost.

export type FormState = {
  status: 'idle' | 'success' | 'error';
  message?: string;
  errors?: Record<string, string[] | undefined>;
  /** Typed values to put back in the form (never passwords). */
  values?: Record<string, string>;
  /** Extra payload on success, such as a one-time link to show once. */
  result?: Record<string, string>;
};

export const initialFormState: FormState = { status: 'idle' };

const SECRET_FIELDS = /password|confirm|token/i;

/** Reads the named fields from FormData as strings; anything else posted is ignored. */
export function readForm(formData: FormData, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => {
      const value = formData.get(field);
      return [field, typeof value === 'string' ? value : ''];
    }),
  );
}

/** Parses a form with its schema; on failure returns the FormState to send back. */
export function parseForm<T extends z.ZodType>(
  schema: T,
  formData: FormData,
  fields: readonly string[],
):
  { ok: true; data: z.infer<T>; values: Record<string, string> } | { ok: false; state: FormState } {
  const values = readForm(formData, fields);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  return {
    ok: false,
    state: {
      status: 'error',
      message: 'Please correct the highlighted fields.',
      errors: z.flattenError(result.error as z.ZodError<Record<string, unknown>>)
        .fieldErrors as Record<string, string[]>,
      values: keepTyped(values),
    },
  };
}

/** The typed values minus secrets, to refill a form. */
export function keepTyped(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([field]) => !SECRET_FIELDS.test(field)));
}

export function errorState(
  message: string,
  values?: Record<string, string>,
  field?: string,
): FormState {
  return {
    status: 'error',
    message,
    errors: field ? { [field]: [message] } : undefined,
    values: values ? keepTyped(values) : undefined,
  };
}

/** Zod issues as field errors keyed by their path below `prefix` ("slug", "sections.2.body"). */
export function contentFieldErrors(
  error: z.ZodError,
  prefix = 'content',
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path[0] === prefix ? issue.path.slice(1) : issue.path;
    (errors[path.join('.') || prefix] ??= []).push(issue.message);
  }
  return errors;
}
