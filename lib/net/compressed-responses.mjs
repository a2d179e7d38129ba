// Compression for server.mjs. Next's own (next.config `compress`) gzips every response as it
// is sent, so a cached reader page (the same 48 KB of HTML for every reader) was compressed anew
// on each request: 1.4 ms of CPU, about half of what serving it cost. Here, with Next's turned
// off:
//
// - A response that may be cached (GET, 200, `Cache-Control` public / s-maxage / immutable, no
//   cookie set) is held until it ends and sent gzipped from a cache keyed by the SHA-256 of its
//   bytes: identical bytes are compressed once. Keyed by content, never by address, so it can
//   never send one page's bytes for another, nor an old version after a publish.
// - Anything else (staff pages, streamed renders, API answers) is compressed as it streams, by
//   the `compression` middleware, the same one Next uses, flushes and all.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import compression from 'compression';

/** Bytes of compressed bodies kept; the least recently sent go first. */
const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
/** Bodies smaller than this are sent as they are (as `compression` does). */
const THRESHOLD_BYTES = 1024;

const CACHEABLE = /\b(?:public|s-maxage|immutable)\b/i;
const UNCACHEABLE = /\b(?:private|no-store|no-transform)\b/i;

/** True when Accept-Encoding lists gzip (or *) without q=0. */
export function acceptsGzip(header) {
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** A response this layer takes: the same bytes will be asked for again. */
function isShared(request, response) {
  const cacheControl = String(response.getHeader('Cache-Control') ?? '');
  return (
    request.method === 'GET' &&
    response.statusCode === 200 &&
    acceptsGzip(request.headers['accept-encoding']) &&
    !response.hasHeader('Content-Encoding') &&
    !response.hasHeader('Set-Cookie') &&
    CACHEABLE.test(cacheControl) &&
    !UNCACHEABLE.test(cacheControl) &&
    compression.filter(request, response)
  );
}

function addVary(response) {
  const vary = String(response.getHeader('Vary') ?? '');
  if (!/\baccept-encoding\b/i.test(vary))
    response.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/** A small LRU of compressed bodies, bounded by their bytes. */
export function compressedBodyCache(maxBytes = DEFAULT_CACHE_BYTES) {
  const entries = new Map();
  let bytes = 0;
  return {
    gzip(body) {
      const key = createHash('sha256').update(body).digest('base64');
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const compressed = gzipSync(body);
      if (compressed.byteLength <= maxBytes / 8) {
        entries.set(key, compressed);
        bytes += compressed.byteLength;
        for (const [oldKey, old] of entries) {
          if (bytes <= maxBytes) break;
          entries.delete(oldKey);
          bytes -= old.byteLength;
        }
      }
      return compressed;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Holds a shared response's body and sends it gzipped from the cache. Installed before the
 * streaming compressor, whose filter calls `take()` when this layer is to have the response.
 */
function holdSharedBody(response, cache) {
  const { writeHead, write, end } = response;
  let held = null;
  let status = 200;
  response.writeHead = function heldWriteHead(code, ...rest) {
    if (!held) return writeHead.call(this, code, ...rest);
    status = code;
    return this;
  };
  response.write = function heldWrite(chunk, encoding, callback) {
    if (!held) return write.call(this, chunk, encoding, callback);
    if (chunk) held.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
    if (typeof encoding === 'function') encoding();
    else if (typeof callback === 'function') callback();
    return true;
  };
  response.end = function heldEnd(chunk, encoding, callback) {
    if (!held) return end.call(this, chunk, encoding, callback);
    const done = [chunk, encoding, callback].find((arg) => typeof arg === 'function');
    if (chunk && typeof chunk !== 'function')
      held.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'),
      );
    const body = Buffer.concat(held);
    held = null;
    addVary(this);
    if (body.byteLength < THRESHOLD_BYTES) {
      this.setHeader('Content-Length', body.byteLength);
      writeHead.call(this, status);
      return end.call(this, body, done);
    }
    const compressed = cache.gzip(body);
    this.setHeader('Content-Encoding', 'gzip');
    this.setHeader('Content-Length', compressed.byteLength);
    writeHead.call(this, status);
    return end.call(this, compressed, done);
  };
  return {
    take() {
      held = [];
    },
  };
}

/** The compressor for server.mjs: call it with each request before Next handles it. */
export function createCompressor({ cacheBytes = DEFAULT_CACHE_BYTES } = {}) {
  const cache = compressedBodyCache(cacheBytes);
  const holds = new WeakMap();
  const streaming = compression({
    filter(request, response) {
      if (isShared(request, response)) {
        holds.get(response)?.take();
        return false;
      }
      return compression.filter(request, response);
    },
  });
  const compress = (request, response) => {
    holds.set(response, holdSharedBody(response, cache));
    streaming(request, response, () => {});
  };
  compress.cache = cache;
  return compress;
}
