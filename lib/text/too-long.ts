/**
 * The one wording for a value over its length limit, stating both numbers:
 * "Use at most 300 characters; this is 342." (zod gives the input to a message function.)
 */
export function tooLong(max: number, input: unknown): string {
  const length = typeof input === 'string' ? input.length : 0;
  return `Use at most ${max.toLocaleString('en')} characters; this is ${length.toLocaleString('en')}.`;
}

/** A zod `max` option: the message above, and no later check runs on the over-long value. */
export const maxLength = (max: number) => ({
  error: (issue: { input?: unknown }) => tooLong(max, issue.input),
  abort: true,
});
