// The one shape every Server Action answers with, so client code handles one: `ok` says
// which half it is. A form's state is the same union, or null until the form is first sent.

/** What a refusal may carry besides its message. */
type FailureFields = {
  /** Field errors keyed by field or content path ("email", "slug", "sections.2.body"). */
  errors?: Record<string, string[] | undefined>;
  /** What was typed, to put back in the form (never passwords: see keepTyped). */
  values?: Record<string, string>;
  /** What publishing still needs, when that is why. */
  missing?: string[];
};

/** The other half's fields, never set on this one: either half reads them without narrowing. */
type Absent<T> = { [K in keyof T]?: undefined };

/** A refusal: the message to show, where it applies, and any data of its own (`Extra`). */
export type ActionFailure<Extra extends object = object> = {
  ok: false;
  message: string;
} & FailureFields &
  Partial<Extra>;

/** Done: the message to show, and the action's own data. */
export type ActionSuccess<Data extends object = object> = {
  ok: true;
  message: string;
} & Absent<FailureFields> &
  Data;

export type ActionResult<Data extends object = object, Extra extends object = object> =
  (ActionSuccess<Data> & Absent<Extra>) | (ActionFailure<Extra> & Absent<Data>);

/** What a form shows: the last answer, or null before the first. */
export type ActionState<
  Data extends object = object,
  Extra extends object = object,
> = null | ActionResult<Data, Extra>;

const SECRET_FIELDS = /password|confirm|token/i;

/** The typed values minus secrets, to refill a form. */
export function keepTyped(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([field]) => !SECRET_FIELDS.test(field)));
}

/** A refusal with its message, shown next to `field` too when one is named. */
export function failure(
  message: string,
  { values, field }: { values?: Record<string, string>; field?: string } = {},
): ActionFailure {
  return {
    ok: false,
    message,
    ...(field && { errors: { [field]: [message] } }),
    ...(values && { values: keepTyped(values) }),
  };
}

/** The CSS class and live-region role of an answer's message (`idle` before any). */
export function outcomeOf(state: ActionState): 'idle' | 'success' | 'error' {
  return state === null ? 'idle' : state.ok ? 'success' : 'error';
}
