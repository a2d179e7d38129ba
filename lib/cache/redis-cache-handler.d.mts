// Types for redis-cache-handler.mjs (plain JavaScript: Node loads it for Next, outside the build).
import type { CacheHandler } from 'next/dist/server/lib/incremental-cache';

export const SHARED_CACHE_STATE_KEY: symbol;

/** 'ok': Redis answers and knows every expiry made here. 'off': no Redis configured. */
export type SharedStoreState = 'ok' | 'degraded' | 'off';

export type RedisCacheHandlerOptions = {
  url: string;
  /** Every key starts with it (default `review-cms:`). */
  keyPrefix?: string;
  /** Instead of the one in `.next/BUILD_ID`. */
  buildId?: string;
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** At most one log line in this long (default a minute). */
  logIntervalMs?: number;
  retryIntervalMs?: number;
  checkTimeoutMs?: number;
  entryTtlMs?: number;
  tagHashTtlMs?: number;
  /** Start a new generation on the first connection: nothing stored before is served. */
  renewOnStart?: boolean;
  log?: (line: string) => void;
  /** The clock of the log limit. */
  now?: () => number;
};

/** The shared store behind a handler class (exposed for the tests). */
export type SharedStore = {
  state(): SharedStoreState;
  check(): Promise<SharedStoreState>;
  close(): Promise<void>;
  /** The Redis run_id last seen; a different one after a reconnection starts a new generation. */
  runId: string | null;
  readonly pending: ReadonlySet<string>;
};

export type RedisCacheHandlerClass = (new (
  ...args: ConstructorParameters<typeof CacheHandler>
) => CacheHandler) & {
  state(): SharedStoreState;
  check(): Promise<SharedStoreState>;
  close(): Promise<void>;
  readonly store: SharedStore | null;
};

export function createRedisCacheHandler(
  options: RedisCacheHandlerOptions | (() => SharedStore | null),
): RedisCacheHandlerClass;

declare const RedisCacheHandler: RedisCacheHandlerClass;
export default RedisCacheHandler;
