import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisCacheHandler,
  type RedisCacheHandlerClass,
  type RedisCacheHandlerOptions,
} from '../../lib/cache/redis-cache-handler.mjs';
import {
  connectTestRedis,
  deadPort,
  redisUrlAt,
  startRedisProxy,
  until,
  type TestRedis,
} from './test-redis';

// The shared cache (lib/cache/redis-cache-handler.mjs) on a real Redis server. Each handler class
// made here is one app instance: its own connection and bookkeeping, as in its own process. They
// are driven the way Next drives the handler: one object per request, a lookup before a render and
// the render's result stored after it.

const PAGE = { kind: 'APP_PAGE', isFallback: false } as const;
const READER_TAG = 'published-reviews';

let redis: TestRedis;
const opened: RedisCacheHandlerClass[] = [];
const proxies: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  redis = await connectTestRedis();
});

afterAll(async () => {
  await Promise.all(opened.map((Handler) => Handler.close()));
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await redis?.cleanup();
});

/** One app instance: a handler class with its own store. */
function instance(options: Partial<RedisCacheHandlerOptions> = {}) {
  const lines: string[] = [];
  const Handler = createRedisCacheHandler({
    url: redis.url,
    keyPrefix: redis.prefix,
    buildId: 'build-1',
    log: (line) => lines.push(line),
    ...options,
  });
  opened.push(Handler);
  return Object.assign(Handler, { lines });
}

type Handler = ReturnType<typeof instance>;
type GetContext = Parameters<InstanceType<Handler>['get']>[1];
type SetContext = Parameters<InstanceType<Handler>['set']>[2];
type Value = Parameters<InstanceType<Handler>['set']>[1];

/** A rendered page as Next hands it over: its tags in x-next-cache-tags, bytes in Buffers. */
function page(html: string, tags: string[] = [READER_TAG, '_N_T_/layout', '_N_T_/page/1']) {
  return {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from(`rsc of ${html}`),
    segmentData: new Map([['/_tree', Buffer.from([0, 255, 1])]]),
    headers: { 'x-next-cache-tags': tags.join(',') },
    postponed: undefined,
    status: 200,
  } as unknown as Value;
}

/** An unstable_cache result (readerQuery) as Next stores it. */
function query(result: unknown, tags: string[] = [READER_TAG]) {
  return {
    kind: 'FETCH',
    data: { headers: {}, body: JSON.stringify(result), url: '', status: 200 },
    tags,
    revalidate: 31536000,
  } as unknown as Value;
}

const PAGE_SET: SetContext = { cacheControl: { revalidate: 300, expire: 31536000 } } as SetContext;
const querySet = (tags: string[] = [READER_TAG]) => ({ fetchCache: true, tags }) as SetContext;
const queryGet = (softTags: string[], tags: string[] = [READER_TAG]) =>
  ({ kind: 'FETCH', tags, softTags }) as GetContext;

/** One request that finds nothing and stores what it rendered. */
async function render(
  Handler: Handler,
  key: string,
  value: Value,
  { get = PAGE as GetContext, set = PAGE_SET } = {},
) {
  const request = new Handler({ revalidatedTags: [], _requestHeaders: {} });
  expect(await request.get(key, get), `${key} before its render`).toBeNull();
  await request.set(key, value, set);
}

/** What a new request finds. */
function lookup(Handler: Handler, key: string, ctx: GetContext = PAGE as GetContext) {
  return new Handler({ revalidatedTags: [], _requestHeaders: {} }).get(key, ctx);
}

/** Where an entry of build-1 lives in Redis. */
const entryKey = (key: string) => `${redis.prefix}{cache}:build-1:${key}`;

const htmlOf = (entry: Awaited<ReturnType<typeof lookup>>) =>
  (entry?.value as { html?: string } | null | undefined)?.html ?? null;

describe('two instances on one Redis', () => {
  it('serve what either stored, bytes and all', async () => {
    const a = instance();
    const b = instance();
    await render(a, '/page/1', page('home'));
    const found = await lookup(b, '/page/1');
    expect(found?.value).toEqual(page('home'));
    const value = found?.value as unknown as { rscData: Buffer; segmentData: Map<string, Buffer> };
    expect(Buffer.isBuffer(value.rscData)).toBe(true);
    expect(value.segmentData.get('/_tree')).toEqual(Buffer.from([0, 255, 1]));
    expect(found?.cacheControl).toEqual({ revalidate: 300, expire: 31536000 });
    expect(found?.lastModified).toBeGreaterThan(Date.now() - 60_000);
    expect([a.state(), b.state()]).toEqual(['ok', 'ok']);
  });

  it('expire an entry everywhere when either expires one of its tags', async () => {
    const a = instance();
    const b = instance();
    await render(a, '/reviews/one', page('one'));
    await render(a, '/about', page('about', ['_N_T_/layout', '_N_T_/about/page']));
    expect(htmlOf(await lookup(b, '/reviews/one'))).toBe('one');

    await new b({ revalidatedTags: [], _requestHeaders: {} }).revalidateTag(READER_TAG, {
      expire: 0,
    });

    expect(await lookup(a, '/reviews/one')).toBeNull();
    expect(await lookup(b, '/reviews/one')).toBeNull();
    // An entry without the tag stays.
    expect(htmlOf(await lookup(a, '/about'))).toBe('about');
    // The next render is stored and served again.
    await render(b, '/reviews/one', page('one, edited'));
    expect(htmlOf(await lookup(a, '/reviews/one'))).toBe('one, edited');
  });

  it("check a query's own tags and the soft tags of the page asking for it", async () => {
    const a = instance();
    const b = instance();
    const homeTags = ['_N_T_/layout', '_N_T_/page/1/page', '_N_T_/page/1'];
    const genreTags = ['_N_T_/layout', '_N_T_/genres/drama/page', '_N_T_/genres/drama'];
    await render(a, 'query-latest', query(['a', 'b']), {
      get: queryGet(homeTags),
      set: querySet(),
    });
    const found = await lookup(b, 'query-latest', queryGet(genreTags));
    expect(found?.value).toEqual(query(['a', 'b']));

    // revalidatePath('/page/1') expires what that page read, not the same query elsewhere.
    await new a({ revalidatedTags: [], _requestHeaders: {} }).revalidateTag(['_N_T_/page/1']);
    expect(await lookup(b, 'query-latest', queryGet(homeTags))).toBeNull();
    expect(await lookup(b, 'query-latest', queryGet(genreTags))).not.toBeNull();

    // Its own tag, passed by Next at lookup or stored with it, expires it for every page.
    await new a({ revalidatedTags: [], _requestHeaders: {} }).revalidateTag(READER_TAG);
    expect(await lookup(b, 'query-latest', queryGet(genreTags))).toBeNull();
    expect(await lookup(b, 'query-latest', queryGet(genreTags, []))).toBeNull();
  });

  it('store nothing servable from a render that was under way when its tag expired', async () => {
    const a = instance();
    const b = instance();
    const request = new a({ revalidatedTags: [], _requestHeaders: {} });
    expect(await request.get('/reviews/two', PAGE as GetContext)).toBeNull();
    // The render reads the database before the publish; its result arrives after the expiry.
    await new b({ revalidatedTags: [], _requestHeaders: {} }).revalidateTag(READER_TAG);
    await request.set('/reviews/two', page('two, before the publish'), PAGE_SET);

    expect(await redis.client.exists(entryKey('/reviews/two')), 'nothing stored').toBe(0);
    expect(await lookup(a, '/reviews/two')).toBeNull();
    expect(await lookup(b, '/reviews/two')).toBeNull();
    await render(b, '/reviews/two', page('two, published'));
    expect(htmlOf(await lookup(a, '/reviews/two'))).toBe('two, published');
  });

  it('do not overwrite a later render with an earlier one', async () => {
    const a = instance();
    const b = instance();
    const slow = new a({ revalidatedTags: [], _requestHeaders: {} });
    expect(await slow.get('/reviews/three', PAGE as GetContext)).toBeNull();
    // Another page's expiry, in between: both renders are current, the later one stays.
    await new b({ revalidatedTags: [], _requestHeaders: {} }).revalidateTag('_N_T_/about');
    await render(b, '/reviews/three', page('three, new'));
    await slow.set('/reviews/three', page('three, old'), PAGE_SET);
    expect(htmlOf(await lookup(a, '/reviews/three'))).toBe('three, new');
  });

  it('store nothing when they did not see the render start', async () => {
    const a = instance();
    await new a({ revalidatedTags: [], _requestHeaders: {} }).set('/unseen', page('x'), PAGE_SET);
    expect(await lookup(a, '/unseen')).toBeNull();
  });
});

describe('builds and generations', () => {
  it("keep each build's entries apart, and share the expiries", async () => {
    const old = instance({ buildId: 'build-old' });
    const next = instance({ buildId: 'build-new' });
    await render(old, '/page/1', page('old build'));
    expect(await lookup(next, '/page/1')).toBeNull();
    await render(next, '/page/1', page('new build'));
    expect(htmlOf(await lookup(old, '/page/1'))).toBe('old build');

    // A publish on a new instance during a rolling deploy expires the old instances' pages too.
    await new next({ revalidatedTags: [], _requestHeaders: {} }).revalidateTag(READER_TAG);
    expect(await lookup(old, '/page/1')).toBeNull();
  });

  it('serve nothing stored before the tag stamps were lost (evicted, flushed)', async () => {
    const a = instance();
    await render(a, '/page/2', page('page 2'));
    await redis.client.unlink(`${redis.prefix}{cache}:tags`);
    expect(await lookup(a, '/page/2')).toBeNull();
    await render(a, '/page/2', page('page 2 again'));
    expect(htmlOf(await lookup(a, '/page/2'))).toBe('page 2 again');
  });

  it('store nothing from a render that began in a generation since replaced', async () => {
    const a = instance();
    const request = new a({ revalidatedTags: [], _requestHeaders: {} });
    expect(await request.get('/page/4', PAGE as GetContext)).toBeNull();
    await redis.client.unlink(`${redis.prefix}{cache}:tags`);
    await request.set('/page/4', page('page 4'), PAGE_SET);
    expect(await redis.client.exists(entryKey('/page/4')), 'nothing stored').toBe(0);
    expect(await lookup(a, '/page/4')).toBeNull();
  });

  it('serve nothing stored before an instance started, when it renews on start', async () => {
    const a = instance();
    await render(a, '/page/3', page('before the start'));
    const started = instance({ renewOnStart: true });
    expect(started.state()).toBe('degraded');
    expect(await lookup(started, '/page/3')).toBeNull();
    expect(await lookup(a, '/page/3')).toBeNull();
    expect(started.state()).toBe('ok');
  });
});

describe('when Redis does not answer', () => {
  it('every lookup is a miss, nothing throws, and one line a minute is logged', async () => {
    let now = 1_000_000;
    const down = instance({
      url: redisUrlAt(await deadPort(), { password: 'hunter2' }),
      connectTimeoutMs: 200,
      now: () => now,
    });
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      const request = new down({ revalidatedTags: [], _requestHeaders: {} });
      expect(await request.get(`/page/${i}`, PAGE as GetContext)).toBeNull();
      await request.set(`/page/${i}`, page('p'), PAGE_SET);
      await request.revalidateTag(READER_TAG);
    }
    expect(Date.now() - started, 'no lookup waits for Redis').toBeLessThan(2000);
    expect(down.state()).toBe('degraded');
    expect(await down.check()).toBe('degraded');
    expect(down.lines).toHaveLength(1);
    expect(down.lines[0]).toMatch(
      /^Shared cache \(Redis at redis:\/\/127\.0\.0\.1:\d+\) is unavailable/,
    );
    expect(down.lines.join('\n')).not.toContain('hunter2');

    now += 60_000;
    expect(await lookup(down, '/page/1')).toBeNull();
    expect(down.lines).toHaveLength(2);
    expect(down.lines[1]).toMatch(/\(\d+ more reports in the last minute\)$/);
  });

  it('an expiry it could not write keeps older entries from being served once it answers', async () => {
    const a = instance();
    const proxy = await startRedisProxy();
    proxies.push(proxy);
    const b = instance({ url: redisUrlAt(proxy.port), connectTimeoutMs: 300, retryIntervalMs: 50 });
    await render(a, '/reviews/four', page('four, before'));
    expect(htmlOf(await lookup(b, '/reviews/four'))).toBe('four, before');

    await proxy.cut();
    await until(() => b.state() === 'degraded', 'B sees Redis gone');
    // The publish happens on B: its expiry cannot reach Redis, and nothing throws.
    await new b({ revalidatedTags: [], _requestHeaders: {} }).revalidateTag(READER_TAG, {
      expire: 0,
    });
    expect(b.store?.pending.has(READER_TAG)).toBe(true);
    expect(await lookup(b, '/reviews/four')).toBeNull();
    // A, which still reaches Redis, cannot know yet (README: an instance cut off from Redis
    // cannot tell the others until it reaches it again).
    expect(htmlOf(await lookup(a, '/reviews/four'))).toBe('four, before');

    await proxy.restore();
    // B writes the expiry as soon as it is connected again, before any request asks.
    await until(() => b.state() === 'ok', 'B has written its expiry');
    expect(b.store?.pending.size).toBe(0);
    expect(await lookup(a, '/reviews/four')).toBeNull();
    expect(await lookup(b, '/reviews/four')).toBeNull();

    await render(b, '/reviews/four', page('four, after'));
    expect(htmlOf(await lookup(a, '/reviews/four'))).toBe('four, after');
  }, 20_000);

  it('a Redis that comes back as another run (a restart, maybe an old snapshot) serves nothing older', async () => {
    const a = instance();
    const proxy = await startRedisProxy();
    proxies.push(proxy);
    const b = instance({ url: redisUrlAt(proxy.port), connectTimeoutMs: 300 });
    await render(a, '/reviews/five', page('five'));
    expect(htmlOf(await lookup(b, '/reviews/five'))).toBe('five');
    // As if B had last seen another server process at this address.
    b.store!.runId = 'an-earlier-run';
    await proxy.cut();
    await until(() => b.state() === 'degraded', 'B sees Redis gone');
    await proxy.restore();
    await until(() => b.state() === 'ok', 'B is connected again');
    expect(await lookup(a, '/reviews/five')).toBeNull();
    expect(await lookup(b, '/reviews/five')).toBeNull();
  }, 20_000);
});

describe("the app's handler (the default export)", () => {
  it('is off, and touches no Redis, while `next build` runs', async () => {
    const { vi } = await import('vitest');
    vi.stubEnv('REDIS_URL', redis.url);
    vi.stubEnv('NEXT_PHASE', 'phase-production-build');
    vi.resetModules();
    try {
      const { default: AppHandler, SHARED_CACHE_STATE_KEY } =
        await import('../../lib/cache/redis-cache-handler.mjs');
      const request = new AppHandler({ revalidatedTags: [], _requestHeaders: {} });
      expect(await request.get('/page/1', PAGE as GetContext)).toBeNull();
      await request.set('/page/1', page('p'), PAGE_SET);
      await request.revalidateTag(READER_TAG);
      expect(AppHandler.state()).toBe('off');
      expect((globalThis as Record<symbol, unknown>)[SHARED_CACHE_STATE_KEY]).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
