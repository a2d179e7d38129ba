// Compression and validators for server.mjs. Next's own (next.config `compress`) gzips every
// response as it is sent, and its ETag is a hash run in JavaScript over the whole page: for a
// cached reader page (the same 48 KB for every reader) that was done anew on each request, and
// together they cost more than the rest of serving the page. Here, with both turned off in
// next.config:
//
// - A response that may be cached (GET, 200, `Cache-Control` public / s-maxage / immutable, no
//   cookie set) is held until it ends. Its gzip and its ETag come from a cache keyed by the body
//   itself: identical bodies are compressed and hashed once, and a cached page, which Next hands
//   over as the same string each time, is found without reading its bytes again. Keyed by
//   content, never by address, so it can never send one page's bytes for another, nor an old
//   version after a publish. A matching If-None-Match gets a 304.
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

/** What is kept for one shared body: its gzip (absent when too small to pay) and its ETag. */
function encodeOnce(body) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const etag = `W/"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  const gzip = bytes.byteLength < THRESHOLD_BYTES ? null : gzipSync(bytes);
  return { etag, gzip, size: bytes.byteLength * 2 + (gzip?.byteLength ?? 0) };
}

/**
 * A small LRU of encoded bodies, bounded by their bytes. Text and byte bodies are kept apart:
 * the same characters as UTF-8 text and as raw bytes are different bodies.
 */
export function compressedBodyCache(maxBytes = DEFAULT_CACHE_BYTES) {
  const texts = new Map();
  const buffers = new Map();
  let bytes = 0;
  const evict = () => {
    for (const entries of [buffers, texts])
      for (const [key, entry] of entries) {
        if (bytes <= maxBytes) return;
        entries.delete(key);
        bytes -= entry.size;
      }
  };
  return {
    /** The entry for a body: a string as Next sends it, or a Buffer of the bytes written. */
    encoded(body) {
      const entries = typeof body === 'string' ? texts : buffers;
      // A Buffer is looked up by its bytes as a latin1 string (one copy, no hashing in JS).
      const key = typeof body === 'string' ? body : body.toString('latin1');
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const entry = encodeOnce(body);
      if (entry.size <= maxBytes / 8) {
        entries.set(key, entry);
        bytes += entry.size;
        evict();
      }
      return entry;
    },
    get size() {
      return texts.size + buffers.size;
    },
  };
}

/** RFC 9110 §13.1.2, weak comparison: the client holds this version already. */
export function matchesIfNoneMatch(request, etag) {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  // A client asking to revalidate end to end gets the body (as Next's own `fresh` check does).
  if (/\bno-cache\b/i.test(String(request.headers['cache-control'] ?? ''))) return false;
  const bare = (tag) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || bare(tag) === bare(etag));
}

/**
 * Holds a shared response's body and sends it, gzipped when the client takes it, from the cache.
 * Installed before the streaming compressor, whose filter calls `take()` when this layer is to
 * have the response.
 */
function holdSharedBody(request, response, cache, onShared) {
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
    const last = typeof chunk === 'function' ? null : chunk;
    // Next sends a cached page as one string: keep it a string, the cache's fast key.
    const body =
      held.length === 0 && typeof last === 'string' && (encoding ?? 'utf8') === 'utf8'
        ? last
        : Buffer.concat(
            last ? [...held, Buffer.isBuffer(last) ? last : Buffer.from(last, encoding)] : held,
          );
    held = null;
    const entry = cache.encoded(body);
    addVary(this);
    this.setHeader('ETag', entry.etag);
    onShared?.(request, this, { body, encoded: entry });
    if (matchesIfNoneMatch(request, entry.etag)) {
      for (const name of ['Content-Length', 'Content-Type']) this.removeHeader(name);
      writeHead.call(this, 304);
      return end.call(this, done);
    }
    if (entry.gzip && acceptsGzip(request.headers['accept-encoding'])) {
      this.setHeader('Content-Encoding', 'gzip');
      this.setHeader('Content-Length', entry.gzip.byteLength);
      writeHead.call(this, status);
      return end.call(this, entry.gzip, done);
    }
    this.setHeader('Content-Length', Buffer.byteLength(body));
    writeHead.call(this, status);
    return end.call(this, body, done);
  };
  return {
    take() {
      held = [];
    },
  };
}

/**
 * The compressor for server.mjs: call it with each request before Next handles it.
 * `onShared(request, response, { body, encoded })` is told of each shared response as it is
 * sent, its headers set (the page cache keeps them).
 */
export function createCompressor({ cacheBytes = DEFAULT_CACHE_BYTES, onShared } = {}) {
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
    holds.set(response, holdSharedBody(request, response, cache, onShared));
    streaming(request, response, () => {});
  };
  compress.cache = cache;
  return compress;
}
