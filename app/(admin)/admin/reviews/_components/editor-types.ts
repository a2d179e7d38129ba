import type { ReviewContent } from '@/lib/content/review-content';

/** Field errors from the server, keyed by path ("slug", "work.year", "sections.2.body"). */
export type FieldErrors = Record<string, string[] | undefined>;

export type ContentUpdate = (update: (content: ReviewContent) => ReviewContent) => void;

/** Moves an item of a list by `offset` places, keeping the list the same length. */
export function moveItem<T>(list: T[], index: number, offset: number): T[] {
  const target = index + offset;
  if (target < 0 || target >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item!);
  return copy;
}

/** A number field's value: null when empty (NaN for text that is not a number: the save says so). */
export const toNumber = (value: string) => (value.trim() === '' ? null : Number(value));
