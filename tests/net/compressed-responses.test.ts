import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptsGzip,
  createCompressor,
  matchesIfNoneMatch,
} from '../../lib/net/compressed-responses.mjs';

// server.mjs compresses instead of Next: shared (cacheable) responses from a cache keyed by
// their bytes, everything else as it streams. Tested over real HTTP, as a browser gets them.

const page = (text: string) => `<!doctype html><p>${text}</p>${'<p>filler text</p>'.repeat(200)}`;
let current = page('first version');

const compress = createCompressor();
const server = http.createServer((request, response) => {
  compress(request, response);
  const url = request.url ?? '/';
  if (url === '/cached') {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 's-maxage=300, stale-while-revalidate=86400');
    response.end(current);
  } else if (url === '/written') {
    // The same page written in parts, as bytes (an ISR render on a miss is streamed).
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 's-maxage=300');
    const bytes = Buffer.from(current);
    response.write(bytes.subarray(0, 100));
    response.end(bytes.subarray(100));
  } else if (url === '/small') {
    response.setHeader('Content-Type', 'text/plain');
    response.setHeader('Cache-Control', 'public, max-age=60');
    response.end('tiny');
  } else if (url === '/cookie') {
    response.setHeader('Content-Type', 'text/html');
    response.setHeader('Cache-Control', 'public, max-age=60');
    response.setHeader('Set-Cookie', 'a=b');
    response.end(page('with a cookie'));
  } else if (url === '/stream') {
    // A staff page: private, written in parts (as a streamed render is).
    response.setHeader('Content-Type', 'text/html');
    response.setHeader('Cache-Control', 'private, no-store');
    response.write(page('part one'));
    setTimeout(() => response.end(page('part two')), 20);
  } else {
    response.statusCode = 404;
    response.end();
  }
});

let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
function get(
  path: string,
  acceptEncoding: string | null = 'gzip',
  extra: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...(acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding }),
      ...extra,
    };
    http
      .get(`${origin}${path}`, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}
const text = (answer: Answer) =>
  (answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body).toString(
    'utf8',
  );

describe('compressed responses', () => {
  it('send a shared page gzipped, with its length, compressing the same bytes once', async () => {
    const first = await get('/cached');
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(Number(first.headers['content-length'])).toBe(first.body.byteLength);
    expect(first.headers.vary).toMatch(/Accept-Encoding/);
    expect(text(first)).toBe(current);
    const cached = compress.cache.size;
    const again = await get('/cached');
    expect(again.body.equals(first.body)).toBe(true);
    expect(compress.cache.size).toBe(cached);
  });

  it('never send old bytes for a page that changed: the cache is keyed by content', async () => {
    const before = text(await get('/cached'));
    current = page('second version, after a publish');
    const after = text(await get('/cached'));
    expect(before).toContain('first version');
    expect(after).toBe(current);
    expect(after).not.toContain('first version');
  });

  it('send plain bytes to a client that does not take gzip', async () => {
    for (const acceptEncoding of [null, 'identity', 'gzip;q=0']) {
      const answer = await get('/cached', acceptEncoding);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.toString('utf8')).toBe(current);
    }
  });

  it('give a shared page an ETag per version, and a 304 to a client that has that version', async () => {
    const first = await get('/cached');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect((await get('/cached', null)).headers.etag).toBe(etag);
    const unchanged = await get('/cached', 'gzip', { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.byteLength).toBe(0);
    expect((await get('/cached', 'gzip', { 'if-none-match': `"other", ${etag}` })).status).toBe(
      304,
    );
    const forced = await get('/cached', 'gzip', {
      'if-none-match': etag,
      'cache-control': 'no-cache',
    });
    expect(forced.status).toBe(200);
    current = page('third version');
    const changed = await get('/cached', 'gzip', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(text(changed)).toBe(current);
  });

  it('send a page written as bytes in parts like the same page sent whole', async () => {
    const whole = await get('/cached');
    const written = await get('/written');
    expect(written.headers['content-encoding']).toBe('gzip');
    expect(text(written)).toBe(current);
    expect(written.headers.etag).toBe(whole.headers.etag);
  });

  it('leave small bodies as they are', async () => {
    const answer = await get('/small');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString()).toBe('tiny');
  });

  it('compress private and cookie-setting responses as they stream, never from the cache', async () => {
    const cached = compress.cache.size;
    const streamed = await get('/stream');
    expect(streamed.headers['content-encoding']).toBe('gzip');
    expect(streamed.headers['transfer-encoding']).toBe('chunked');
    expect(text(streamed)).toBe(page('part one') + page('part two'));
    const cookie = await get('/cookie');
    expect(cookie.headers['set-cookie']).toEqual(['a=b']);
    expect(text(cookie)).toBe(page('with a cookie'));
    expect(compress.cache.size).toBe(cached);
  });

  it('pass other statuses through', async () => {
    expect((await get('/missing')).status).toBe(404);
  });
});

describe('matchesIfNoneMatch', () => {
  const asking = (headers: Record<string, string>) => ({ headers });
  it.each([
    ['W/"abc"', true],
    ['"abc"', true],
    ['"x", W/"abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['', false],
  ])('%j → %s', (header, expected) =>
    expect(matchesIfNoneMatch(asking({ 'if-none-match': header }), 'W/"abc"')).toBe(expected),
  );
  it('never throws, whatever the header holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (header) => {
        expect(typeof matchesIfNoneMatch(asking({ 'if-none-match': header }), 'W/"a"')).toBe(
          'boolean',
        );
      }),
    );
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['gzip;q=0', false],
    ['identity', false],
    ['', false],
    ['gzipx', false],
  ])('%j → %s', (header, expected) => expect(acceptsGzip(header)).toBe(expected));

  it('never throws, whatever the header holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (header) => {
        expect(typeof acceptsGzip(header)).toBe('boolean');
      }),
    );
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip(['gzip'])).toBe(false);
  });
});
