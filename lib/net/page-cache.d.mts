// Types for page-cache.mjs (plain JavaScript: server.mjs loads it outside the build).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EncodedBody } from './compressed-responses.mjs';

export function isPlainGet(request: Pick<IncomingMessage, 'method' | 'headers'>): boolean;

export function keepSeconds(cacheControl: unknown): number;

export function variesOnlyByHandled(vary: unknown): boolean;

export function createPageCache(options?: {
  maxBytes?: number;
  maxEntries?: number;
  now?: () => number;
}): {
  serve(request: IncomingMessage, response: ServerResponse): boolean;
  store(
    request: IncomingMessage,
    response: ServerResponse,
    sent: { body: string | Buffer; encoded: EncodedBody },
  ): void;
  readonly size: number;
};
