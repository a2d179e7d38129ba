import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  advanceReaderGeneration,
  handleRequest,
  readerGeneration,
} from '../../lib/cache/reader-generation.mjs';
import { createCompressor } from '../../lib/net/compressed-responses.mjs';
import {
  createPageCache,
  isPlainGet,
  keepSeconds,
  variesOnlyByHandled,
} from '../../lib/net/page-cache.mjs';

// server.mjs answers repeated reader requests from whole responses it keeps in front of Next,
// until published content changes. Wired here as in server.mjs (page cache, compressor, the
// request scope), over real HTTP, with a handler standing in for Next that counts its calls.

const page = (text: string) => `<!doctype html><p>${text}</p>${'<p>filler text</p>'.repeat(200)}`;
let version = 'first version';
let clock = 1_000_000;
let rendered = 0;
/** The answer of GET /slow, waiting; and a call when its handler has started. */
let releaseSlow: (() => void) | null = null;
let slowStarted: (() => void) | null = null;
/** What the handler of POST /publish waits for after raising the generation. */
let publishGate: Promise<void> | null = null;
let publishStarted: (() => void) | null = null;

const pageCache = createPageCache({ maxEntries: 50, now: () => clock });
const compress = createCompressor({ onShared: pageCache.store });

const READER_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'x-nextjs-cache': 'MISS',
  'Cache-Control': 'public, s-maxage=300, stale-while-revalidate=86400',
  Vary: 'RSC, Next-Router-State-Tree, Next-Router-Prefetch',
  'Content-Security-Policy': "default-src 'self'",
};

function answer(response: http.ServerResponse, headers: Record<string, string>, body: string) {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.end(body);
}

const server = http.createServer((request, response) => {
  if (pageCache.serve(request, response)) return;
  compress(request, response);
  handleRequest(response, () => {
    rendered++;
    const url = request.url ?? '/';
    if (request.method === 'POST' && url === '/publish') {
      // A publish: raises the generation at once; Next applies its expiry as the request ends.
      advanceReaderGeneration();
      publishStarted?.();
      void (publishGate ?? Promise.resolve()).then(() => {
        version = 'published version';
        response.end('published');
      });
      return;
    }
    if (url.startsWith('/page')) return answer(response, READER_HEADERS, page(`${version} ${url}`));
    if (url === '/slow') {
      const text = page(version);
      releaseSlow = () => answer(response, READER_HEADERS, text);
      slowStarted?.();
      return;
    }
    if (url === '/cookie')
      return answer(response, { ...READER_HEADERS, 'Set-Cookie': 'a=b' }, page(version));
    if (url === '/private')
      return answer(
        response,
        { ...READER_HEADERS, 'Cache-Control': 'private, no-store' },
        page(version),
      );
    if (url === '/vary-cookie')
      return answer(response, { ...READER_HEADERS, Vary: 'Cookie' }, page(version));
    if (url === '/no-lifetime')
      return answer(response, { ...READER_HEADERS, 'Cache-Control': 'public' }, page(version));
    response.statusCode = 404;
    response.setHeader('Cache-Control', READER_HEADERS['Cache-Control']);
    response.end(page('not found'));
  });
});

let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  // Each test starts with nothing held that it could be served.
  advanceReaderGeneration();
  version = 'first version';
  publishGate = null;
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string };
function send(
  path: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${origin}${path}`,
      { method, headers: { 'accept-encoding': 'gzip', ...headers }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const gzip = response.headers['content-encoding'] === 'gzip';
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: (gzip ? gunzipSync(body) : body).toString('utf8'),
          });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Sends `path` twice; returns both answers and how many times the handler ran for them. */
async function twice(path: string, headers: Record<string, string> = {}) {
  const before = rendered;
  const first = await send(path, { headers });
  const second = await send(path, { headers });
  return { first, second, renders: rendered - before };
}

describe('the page cache', () => {
  it('answers a second reader of a page without the handler, with the same bytes and headers', async () => {
    const { first, second, renders } = await twice('/page-a');
    expect(renders).toBe(1);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(second.headers['content-encoding']).toBe('gzip');
    for (const name of ['content-type', 'cache-control', 'content-security-policy', 'etag'])
      expect(second.headers[name], name).toBe(first.headers[name]);
    expect([first.headers['x-nextjs-cache'], second.headers['x-nextjs-cache']]).toEqual([
      'MISS',
      'HIT',
    ]);
    expect(second.headers.vary).toMatch(/Accept-Encoding/);
    expect(second.headers['set-cookie']).toBeUndefined();
    // Uncompressed for a client that takes no gzip, and a 304 for one that has this version.
    const plain = await send('/page-a', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(first.text);
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(first.text));
    const revalidated = await send('/page-a', {
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(revalidated.status).toBe(304);
    expect(rendered).toBeGreaterThan(0);
  });

  it('keeps each address apart, query string included', async () => {
    await send('/page-b?q=one');
    const other = await send('/page-b?q=two');
    expect(other.text).toContain('/page-b?q=two');
    expect((await send('/page-b?q=one')).text).toContain('/page-b?q=one');
  });

  it('never serves a page it held once published content has changed', async () => {
    await twice('/page-c');
    advanceReaderGeneration();
    version = 'second version';
    const before = rendered;
    const after = await send('/page-c');
    expect(rendered - before).toBe(1);
    expect(after.text).toContain('second version');
  });

  it('does not keep a page whose render was under way when published content changed', async () => {
    const started = new Promise<void>((resolve) => (slowStarted = resolve));
    const slow = send('/slow');
    await started;
    advanceReaderGeneration();
    releaseSlow!();
    expect((await slow).text).toContain('first version');
    // Not kept: the next reader reaches the handler.
    slowStarted = () => releaseSlow!();
    const before = rendered;
    expect((await send('/slow')).status).toBe(200);
    expect(rendered - before).toBe(1);
    slowStarted = null;
  });

  it('does not serve what it kept while a publish was finishing', async () => {
    // The publish raises the generation; until its request ends, the handler still answers
    // with the old page (as Next does until it applies the expiry), and that page is kept.
    let open = (): void => {};
    publishGate = new Promise<void>((resolve) => (open = resolve));
    const started = new Promise<void>((resolve) => (publishStarted = resolve));
    const published = send('/publish', { method: 'POST' });
    await started;
    const during = await twice('/page-d');
    expect(during.renders).toBe(1);
    expect(during.second.text).toContain('first version');
    open();
    await published;
    const generation = readerGeneration();
    const before = rendered;
    const after = await send('/page-d');
    expect(rendered - before).toBe(1);
    expect(after.text).toContain('published version');
    expect(readerGeneration()).toBe(generation);
  });

  it('keeps nothing personal, private, varying by other headers, or without a lifetime', async () => {
    for (const path of ['/cookie', '/private', '/vary-cookie', '/no-lifetime', '/missing'])
      expect((await twice(path)).renders, path).toBe(2);
  });

  it("leaves the client router's requests, ranges and authorised requests to the handler", async () => {
    await send('/page-e');
    const variants: Array<Record<string, string>> = [
      { rsc: '1' },
      { 'next-router-prefetch': '1' },
      { authorization: 'Bearer x' },
      { range: 'bytes=0-10' },
    ];
    for (const headers of variants)
      expect((await twice('/page-e', headers)).renders, JSON.stringify(headers)).toBe(2);
  });

  it('lets a page go after its lifetime', async () => {
    await twice('/page-f');
    clock += 301_000;
    const before = rendered;
    await send('/page-f');
    expect(rendered - before).toBe(1);
  });

  it('holds a bounded number of pages', async () => {
    for (let i = 0; i < 60; i++) await send(`/page-g${i}`);
    expect(pageCache.size).toBe(50);
    // The oldest went first.
    expect((await twice('/page-g0')).renders).toBe(1);
    expect((await twice('/page-g59')).renders).toBe(0);
  });

  it('holds a bounded number of bytes, and no body over an eighth of them', () => {
    const cache = createPageCache({ maxBytes: 1000 });
    const keep = (url: string, size: number) => {
      const request = { method: 'GET', url, headers: {} } as unknown as http.IncomingMessage;
      const response = {
        statusCode: 200,
        getHeader: (name: string) => (name === 'cache-control' ? 's-maxage=60' : undefined),
        getHeaders: () => ({ 'cache-control': 's-maxage=60' }),
      } as unknown as http.ServerResponse;
      cache.serve(request, response);
      cache.store(request, response, {
        body: 'x',
        encoded: { etag: 'W/"x"', gzip: null, size },
      });
    };
    for (let i = 0; i < 10; i++) keep(`/p${i}`, 100);
    expect(cache.size).toBeLessThan(10);
    const held = cache.size;
    keep('/too-big', 126);
    expect(cache.size).toBe(held);
  });
});

describe('what the page cache takes', () => {
  it('plain GETs only', () => {
    const request = (method: string, headers: Record<string, string> = {}) =>
      ({ method, headers }) as unknown as http.IncomingMessage;
    expect(isPlainGet(request('GET'))).toBe(true);
    expect(isPlainGet(request('HEAD'))).toBe(false);
    expect(isPlainGet(request('POST'))).toBe(false);
    expect(isPlainGet(request('GET', { 'next-url': '/x' }))).toBe(false);
  });

  it('the lifetime from s-maxage, else max-age, at most 5 minutes', () => {
    expect(keepSeconds('public, s-maxage=300, stale-while-revalidate=86400')).toBe(300);
    expect(keepSeconds('public, max-age=31536000, immutable')).toBe(300);
    expect(keepSeconds('public, max-age=60')).toBe(60);
    expect(keepSeconds('public')).toBe(0);
    expect(keepSeconds(undefined)).toBe(0);
    expect(keepSeconds('s-maxage=99999999999999')).toBe(0);
  });

  it('a Vary of the encoding and the router headers only', () => {
    expect(variesOnlyByHandled(undefined)).toBe(true);
    expect(variesOnlyByHandled('RSC, Next-Router-State-Tree, Accept-Encoding')).toBe(true);
    expect(variesOnlyByHandled('Cookie')).toBe(false);
    expect(variesOnlyByHandled('*')).toBe(false);
  });
});
