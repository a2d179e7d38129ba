// The reader pages' generation: a number raised every time published content changes
// (revalidateReaderPages in reader-cache.ts). server.mjs's page cache (lib/net/page-cache.mjs)
// serves a page it holds only while the generation is the one the page was rendered under.
//
// Both live on globalThis, under registered symbols, because the app reaches them from modules
// Next bundles into several chunks, and server.mjs from outside the bundle, in one process.

import { AsyncLocalStorage } from 'node:async_hooks';

const GENERATION = Symbol.for('review-cms.reader-generation');
const REQUEST_SCOPES = Symbol.for('review-cms.reader-generation.requests');

/** The request being handled, as server.mjs started it: whether it raised the generation. */
const requests = (globalThis[REQUEST_SCOPES] ??= new AsyncLocalStorage());

/** The current generation (0 before the first change). */
export function readerGeneration() {
  return globalThis[GENERATION] ?? 0;
}

/** Raises the generation: no page held from before is served again. */
export function advanceReaderGeneration() {
  globalThis[GENERATION] = readerGeneration() + 1;
  const request = requests.getStore();
  if (request) request.advanced = true;
}

/**
 * Handles a request with `handle()`. A request whose handling raised the generation raises it
 * once more when its response has gone: Next applies the tag expiries a request asked for only
 * as it finishes, so a page another request got from Next's cache in between may be the old one,
 * and must not be served again either.
 */
export function handleRequest(response, handle) {
  const request = { advanced: false };
  response.once('close', () => {
    if (request.advanced) globalThis[GENERATION] = readerGeneration() + 1;
  });
  return requests.run(request, handle);
}
