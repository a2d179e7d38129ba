import { z } from 'zod';

/** A page number from the address: a positive integer in a sane range, or null (a 404). */
export function parsePageNumber(raw: string | undefined): number | null {
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .safeParse(raw ?? '1');
  return page.success && /^[1-9][0-9]*$/.test(raw ?? '1') ? page.data : null;
}
