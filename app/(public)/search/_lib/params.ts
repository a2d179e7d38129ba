import { z } from 'zod';
import { MAX_SEARCH_PAGE } from '@/db/queries/search';
import { MAX_INPUT_LENGTH } from '@/lib/search/fts-query';

// Whatever the address holds (arrays, huge strings, page=abc), it is parsed to sane values and
// the reader gets a page, never an error.

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const CONTROL = /[\u0000-\u001f\u007f]/g;

const searchParamsSchema = z.object({
  q: z
    .preprocess(firstValue, z.string())
    .catch('')
    .transform((q) => q.slice(0, MAX_INPUT_LENGTH).replace(CONTROL, ' ')),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE)).catch(1),
});

export type SearchRequest = { q: string; page: number };

/** The query and page a search address asks for, from its query string or its path. */
export function searchRequest(params: Record<string, unknown>): SearchRequest {
  const parsed = searchParamsSchema.safeParse(params);
  return parsed.success ? parsed.data : { q: '', page: 1 };
}

/** The query as quoted back to the reader: trimmed, and shortened when it is long. */
export function quoted(q: string): string {
  const text = q.trim().replace(/\s+/g, ' ');
  const chars = Array.from(text);
  return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : text;
}

export function pageHref(q: string, page: number): string {
  const params = new URLSearchParams({ q: q.trim() });
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}
