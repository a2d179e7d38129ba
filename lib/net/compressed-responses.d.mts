import type { IncomingMessage, ServerResponse } from 'node:http';

export function acceptsGzip(header: string | string[] | undefined): boolean;

export function compressedBodyCache(maxBytes?: number): {
  gzip(body: Buffer): Buffer;
  readonly size: number;
};

export function createCompressor(options?: { cacheBytes?: number }): ((
  request: IncomingMessage,
  response: ServerResponse,
) => void) & {
  cache: { readonly size: number };
};
