import type { IncomingMessage, ServerResponse } from 'node:http';

export function acceptsGzip(header: string | string[] | undefined): boolean;

export function matchesIfNoneMatch(
  request: { headers: Record<string, string | string[] | undefined> },
  etag: string,
): boolean;

export function compressedBodyCache(maxBytes?: number): {
  encoded(body: string | Buffer): { etag: string; gzip: Buffer | null; size: number };
  readonly size: number;
};

export function createCompressor(options?: { cacheBytes?: number }): ((
  request: IncomingMessage,
  response: ServerResponse,
) => void) & {
  cache: { readonly size: number };
};
