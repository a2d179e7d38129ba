import { env } from '../env';

// What /api/health says of the page and query cache. With REDIS_URL it is the shared cache in
// Redis (lib/cache/redis-cache-handler.mjs, which Node loads for Next outside the app's bundle,
// so it hands its state over through this global); without it, each process's own memory.

const SHARED_CACHE_STATE_KEY = Symbol.for('review-cms.shared-cache');

/** 'ok': Redis answers and knows every expiry. 'degraded': pages render without it. */
export type CacheHealth = 'ok' | 'degraded' | 'memory';

type PublishedState = { check(): Promise<'ok' | 'degraded' | 'off'> };

/** Asks the shared cache (a PING, bounded to about a second); never throws. */
export async function cacheHealth(): Promise<CacheHealth> {
  if (!env().REDIS_URL) return 'memory';
  const published = (globalThis as Record<symbol, PublishedState | undefined>)[
    SHARED_CACHE_STATE_KEY
  ];
  // Set with no handler loaded: next.config.ts did not configure it, so nothing is shared.
  if (!published) return 'degraded';
  try {
    return (await published.check()) === 'ok' ? 'ok' : 'degraded';
  } catch {
    return 'degraded';
  }
}
