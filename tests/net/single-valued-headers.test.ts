import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { keepHeadersSingle } from '../../lib/net/single-valued-headers.mjs';

// Next replays a cached redirect by appending its stored Location to a response that already
// has it (vercel/next.js#82117); server.mjs keeps such headers to one value.

describe('keepHeadersSingle', () => {
  it('drops a repeated Location, keeps other repeated headers', async () => {
    const server = http.createServer((request, response) => {
      keepHeadersSingle(response);
      response.statusCode = 308;
      response.setHeader('Location', '/reviews/new-slug');
      response.appendHeader('Location', '/reviews/new-slug');
      response.appendHeader('x-nextjs-stale-time', '300');
      response.appendHeader('x-nextjs-stale-time', '300');
      response.appendHeader('Set-Cookie', 'a=1');
      response.appendHeader('Set-Cookie', 'b=2');
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const raw = await new Promise<string[]>((resolve, reject) =>
      http
        .get(`http://127.0.0.1:${port}/`, (response) => {
          response.resume();
          resolve(response.rawHeaders);
        })
        .on('error', reject),
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const values = (name: string) =>
      raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === name);
    expect(values('location')).toEqual(['/reviews/new-slug']);
    expect(values('x-nextjs-stale-time')).toEqual(['300']);
    expect(values('set-cookie')).toEqual(['a=1', 'b=2']);
  });
});
