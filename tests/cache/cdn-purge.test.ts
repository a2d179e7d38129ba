import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ALWAYS_CHANGED_PATHS,
  PURGE_SIGNATURE_HEADER,
  purgeCdnInBackground,
  sendPurge,
} from '../../lib/cache/cdn-purge';
import { parseEnv } from '../../lib/env';

// The CDN purge hook, against a real HTTP server standing in for the CDN's purge endpoint.

const SECRET = 'a purge secret of some length';
type Received = { body: string; signature: string | undefined };
const received: Received[] = [];
let answers: number[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ body, signature: request.headers[PURGE_SIGNATURE_HEADER] as string });
      response.statusCode = answers.shift() ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/purge`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => {
  received.length = 0;
  answers = [];
  vi.unstubAllEnvs();
});

const verify = ({ body, signature }: Received) =>
  signature === `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const quiet = { log: () => {}, delays: [5, 5, 5] };

describe('the CDN purge hook', () => {
  it('POSTs the tag and the changed paths, signed with the shared secret', async () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const sent = await sendPurge(
      { tag: 'published-reviews', paths: ['/reviews/escape-2024'] },
      { url, secret: SECRET, now: () => now, ...quiet },
    );
    expect(sent).toBe(true);
    expect(received).toHaveLength(1);
    expect(verify(received[0]!)).toBe(true);
    expect(JSON.parse(received[0]!.body)).toEqual({
      tag: 'published-reviews',
      paths: [...ALWAYS_CHANGED_PATHS, '/reviews/escape-2024'],
      at: '2026-12-01T12:00:00.000Z',
    });
    // A changed body no longer matches its signature.
    expect(verify({ ...received[0]!, body: received[0]!.body.replace('escape', 'other') })).toBe(
      false,
    );
  });

  it('retries with the same signed body while the receiver answers 5xx or 429', async () => {
    answers = [503, 429, 204];
    expect(await sendPurge({ tag: 't', paths: [] }, { url, secret: SECRET, ...quiet })).toBe(true);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((each) => each.body)).size).toBe(1);
    expect(received.every(verify)).toBe(true);
  });

  it('does not retry a refusal, and says so once', async () => {
    answers = [401];
    const log = vi.fn();
    expect(await sendPurge({ tag: 't', paths: [] }, { url, secret: SECRET, ...quiet, log })).toBe(
      false,
    );
    expect(received).toHaveLength(1);
    expect(log).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/refused: .* answered 401/));
  });

  it('gives up after the last retry when nothing answers, with one line', async () => {
    const log = vi.fn();
    const nowhere = 'http://127.0.0.1:9/purge';
    expect(
      await sendPurge({ tag: 't', paths: [] }, { url: nowhere, secret: SECRET, ...quiet, log }),
    ).toBe(false);
    expect(log).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/gave up after 4 attempts/));
  });

  it('runs in the background only when CDN_PURGE_URL is set, and needs its secret', async () => {
    purgeCdnInBackground({ tag: 't', paths: ['/reviews/x'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toHaveLength(0);

    vi.stubEnv('CDN_PURGE_URL', url);
    vi.stubEnv('CDN_PURGE_SECRET', SECRET);
    purgeCdnInBackground({ tag: 't', paths: ['/reviews/x'] });
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(verify(received[0]!)).toBe(true);

    expect(() => parseEnv({ CDN_PURGE_URL: url })).toThrow(
      /CDN_PURGE_SECRET must be set with CDN_PURGE_URL/,
    );
    expect(() =>
      parseEnv({ CDN_PURGE_URL: 'ftp://cdn.example/purge', CDN_PURGE_SECRET: SECRET }),
    ).toThrow(/CDN_PURGE_URL must be an http/);
  });
});
