import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheHealth } from '../../lib/cache/shared-cache-state';
import { SHARED_CACHE_STATE_KEY } from '../../lib/cache/redis-cache-handler.mjs';

// What /api/health says of the cache: the handler publishes its state on a global symbol, since
// Node loads it outside the app's bundle.

const published = globalThis as unknown as Record<symbol, unknown>;

afterEach(() => {
  vi.unstubAllEnvs();
  delete published[SHARED_CACHE_STATE_KEY];
});

describe('cacheHealth', () => {
  it('is memory without REDIS_URL', async () => {
    vi.stubEnv('REDIS_URL', '');
    published[SHARED_CACHE_STATE_KEY] = { check: async () => 'ok' };
    expect(await cacheHealth()).toBe('memory');
  });

  it("is the shared cache's state with REDIS_URL", async () => {
    vi.stubEnv('REDIS_URL', 'redis://127.0.0.1:6379');
    published[SHARED_CACHE_STATE_KEY] = { check: async () => 'ok' };
    expect(await cacheHealth()).toBe('ok');
    published[SHARED_CACHE_STATE_KEY] = { check: async () => 'degraded' };
    expect(await cacheHealth()).toBe('degraded');
    published[SHARED_CACHE_STATE_KEY] = { check: async () => Promise.reject(new Error('x')) };
    expect(await cacheHealth()).toBe('degraded');
  });

  it('is degraded when REDIS_URL is set but no handler was loaded', async () => {
    vi.stubEnv('REDIS_URL', 'redis://127.0.0.1:6379');
    expect(await cacheHealth()).toBe('degraded');
  });

  it('uses the key the handler publishes under', () => {
    expect(SHARED_CACHE_STATE_KEY).toBe(Symbol.for('review-cms.shared-cache'));
  });
});
