import { z } from 'zod';
import { keepTyped, type ActionFailure } from './action-result';

// Reading a Server Action's form, following Next's form guide: only the fields named, checked
// with zod, and on failure a refusal (lib/action-result.ts) with the field errors to show next
// to their fields and what was typed, so nothing is lost.

/** Reads the named fields from FormData as strings; anything else posted is ignored. */
export function readForm(formData: FormData, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => {
      const value = formData.get(field);
      return [field, typeof value === 'string' ? value : ''];
    }),
  );
}

/** Parses a form with its schema; on failure returns the refusal to send back. */
export function parseForm<T extends z.ZodType>(
  schema: T,
  formData: FormData,
  fields: readonly string[],
):
  | { ok: true; data: z.infer<T>; values: Record<string, string> }
  | { ok: false; state: ActionFailure } {
  const values = readForm(formData, fields);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  return {
    ok: false,
    state: {
      ok: false,
      message: 'Please correct the highlighted fields.',
      errors: z.flattenError(result.error as z.ZodError<Record<string, unknown>>)
        .fieldErrors as Record<string, string[]>,
      values: keepTyped(values),
    },
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
