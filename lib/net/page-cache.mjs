// A cache of whole reader responses in front of Next, for server.mjs. A cached reader page is
// the same bytes for every reader, yet Next's serving of one (routing, its cache lookup, its
// headers, writing the page out) costs more than a millisecond of CPU per request, which on two
// cores is what bounds the reader site. Here the second and later readers of a page get the
// response Next gave the first, gzipped once (compressed-responses.mjs), without entering Next.
//
// What is kept: a GET answered 200 that the compressor takes as shared (public or s-maxage, no
// cookie set), for a plain request (no Authorization, no Range, none of the headers of Next's
// client router, whose answers vary by them), whose Vary names nothing else. It is kept for its
// s-maxage (or max-age), at most 5 minutes, and only while the reader pages' generation
// (lib/cache/reader-generation.mjs) is the one its request started under: every publish
// change raises it, so a held page is never served after the change, nor a page whose render
// was under way when it happened.
//
// One process: with REDIS_URL set (several instances, one shared cache) another instance's
// publish cannot reach this memory, so server.mjs leaves it off, and nginx's micro-cache
// (deploy/) does this job in front of all of them.

import { readerGeneration } from '../cache/reader-generation.mjs';
import { acceptsGzip, matchesIfNoneMatch } from './compressed-responses.mjs';

/** Request headers of Next's client router (RSC requests, prefetches): answers vary by them. */
const ROUTER_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
  'next-action',
];
/** What a kept response may vary by: the encoding (handled here) and the router's headers. */
const HANDLED_VARY = new Set(['accept-encoding', ...ROUTER_HEADERS]);
/** Headers that belong to one sending, not to the response kept. */
const PER_SENDING = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'etag',
]);

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_ENTRIES = 5000;
const MAX_SECONDS = 300;

/** Whether a request may be answered from the cache, and its answer kept. */
export function isPlainGet(request) {
  if (request.method !== 'GET') return false;
  const { headers } = request;
  if (headers.authorization !== undefined || headers.range !== undefined) return false;
  return ROUTER_HEADERS.every((name) => headers[name] === undefined);
}

/** Seconds a response may be kept: its s-maxage, else its max-age, at most MAX_SECONDS. */
export function keepSeconds(cacheControl) {
  const text = String(cacheControl ?? '');
  const match = /\bs-maxage=(\d{1,9})\b/i.exec(text) ?? /\bmax-age=(\d{1,9})\b/i.exec(text);
  return match ? Math.min(Number(match[1]), MAX_SECONDS) : 0;
}

/** Whether a response's Vary names only what this cache handles. */
export function variesOnlyByHandled(vary) {
  if (vary === undefined) return true;
  return String(vary)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .every((name) => name === '' || HANDLED_VARY.has(name));
}

export function createPageCache({
  maxBytes = DEFAULT_MAX_BYTES,
  maxEntries = DEFAULT_MAX_ENTRIES,
  now = Date.now,
} = {}) {
  /** request.url → { headers, body, encoded, generation, expiresAt, size } (oldest first). */
  const entries = new Map();
  /** The generation each request not answered here started under. */
  const started = new WeakMap();
  let bytes = 0;
  const drop = (key, entry) => {
    entries.delete(key);
    bytes -= entry.size;
  };

  return {
    /**
     * Answers `request` from the cache when it holds a current response for it; returns whether
     * it did. A conditional request for the version held gets a 304.
     */
    serve(request, response) {
      if (!isPlainGet(request)) return false;
      const generation = readerGeneration();
      started.set(request, generation);
      const entry = entries.get(request.url);
      if (!entry) return false;
      if (entry.generation !== generation || now() >= entry.expiresAt) {
        drop(request.url, entry);
        return false;
      }
      started.delete(request);
      entries.delete(request.url);
      entries.set(request.url, entry);
      for (const [name, value] of entry.headers) response.setHeader(name, value);
      // Next's word for "from the cache" (the first reader may have had a MISS).
      if (response.hasHeader('x-nextjs-cache')) response.setHeader('x-nextjs-cache', 'HIT');
      response.setHeader('ETag', entry.encoded.etag);
      if (matchesIfNoneMatch(request, entry.encoded.etag)) {
        response.removeHeader('Content-Type');
        response.writeHead(304);
        response.end();
        return true;
      }
      const gzip = entry.encoded.gzip && acceptsGzip(request.headers['accept-encoding']);
      const body = gzip ? entry.encoded.gzip : entry.body;
      if (gzip) response.setHeader('Content-Encoding', 'gzip');
      response.setHeader('Content-Length', Buffer.byteLength(body));
      response.writeHead(200);
      response.end(body);
      return true;
    },

    /**
     * Keeps a shared response the compressor is sending (its headers as set now, its body and
     * its encodings), if it may be kept: only when the generation is still the one its request
     * started under (serve() saw it start), so a render under way during a change is not kept.
     */
    store(request, response, { body, encoded }) {
      if (!isPlainGet(request) || response.statusCode !== 200) return;
      const generation = started.get(request);
      if (generation === undefined || generation !== readerGeneration()) return;
      if (!variesOnlyByHandled(response.getHeader('Vary'))) return;
      const seconds = keepSeconds(response.getHeader('Cache-Control'));
      if (seconds <= 0) return;
      const headers = Object.entries(response.getHeaders()).filter(
        ([name]) => !PER_SENDING.has(name),
      );
      const size = encoded.size + request.url.length * 2;
      if (size > maxBytes / 8) return;
      const previous = entries.get(request.url);
      if (previous) drop(request.url, previous);
      entries.set(request.url, {
        headers,
        body,
        encoded,
        generation,
        expiresAt: now() + seconds * 1000,
        size,
      });
      bytes += size;
      for (const [key, entry] of entries) {
        if (bytes <= maxBytes && entries.size <= maxEntries) break;
        drop(key, entry);
      }
    },

    get size() {
      return entries.size;
    },
  };
}
