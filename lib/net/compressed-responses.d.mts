import type { IncomingMessage, ServerResponse } from 'node:http';

export function acceptsGzip(header: string | string[] | undefined): boolean;

export function matchesIfNoneMatch(
  request: { headers: Record<string, string | string[] | undefined> },
  etag: string,
): boolean;

/** A shared body, encoded once: its ETag, its gzip (null when too small to pay), its bytes held. */
export type EncodedBody = { etag: string; gzip: Buffer | null; size: number };

export function compressedBodyCache(maxBytes?: number): {
  encoded(body: string | Buffer): EncodedBody;
  readonly size: number;
};

export function createCompressor(options?: {
  cacheBytes?: number;
  onShared?: (
    request: IncomingMessage,
    response: ServerResponse,
    sent: { body: string | Buffer; encoded: EncodedBody },
  ) => void;
}): ((request: IncomingMessage, response: ServerResponse) => void) & {
  cache: { readonly size: number };
};
