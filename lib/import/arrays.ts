// Appending one array to another without spreading it into arguments: `target.push(...items)`
// passes every item on the call stack, and an article of 150,000 headings, list items or
// <br>s (a few hundred KB) made that a RangeError ("Maximum call stack size exceeded").

/** Appends `items` to `target`, in order. */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Appends `items` to `target` last first (for a stack that pops them in order). */
export function pushReversed<T>(target: T[], items: readonly T[]): void {
  for (let i = items.length - 1; i >= 0; i--) target.push(items[i]!);
}
