// Next's incremental cache (`cacheHandler` in next.config.ts) in Redis, shared by every instance
// that points REDIS_URL at the same server: the rendered reader pages and the `readerQuery()`
// results (unstable_cache) live there, and `revalidateTag` in any instance expires them in all.
// Plain JavaScript because Node loads it itself, in the production server, outside the bundle.
// README, "Shared cache (Redis)", says why this file and not a library.
//
// How an expiry reaches every instance, with no message to miss and no clock to trust:
//
// - One hash per key prefix, shared by every build, holds the tag stamps. `revalidateTag` adds
//   one to a counter in it and writes the new value beside each tag. Stamps are that counter,
//   never a time, so clocks that differ between machines (or step back) cannot reorder them.
// - Before a page or a query is rendered, Next asks for it here (a miss or a stale entry). That
//   lookup reads the counter: the render starts after it, so it sees at least the data of every
//   expiry up to that value. The entry is stored with it (`at`), and a later lookup returns the
//   entry only while none of its tags (its own, and the implicit and soft tags Next passes) has
//   a stamp above `at`. An expiry that lands while a render is under way therefore expires what
//   that render stores, which is the race a store-time stamp would lose.
// - The hash also names a generation. If the hash is lost (evicted, flushed, expired) or Redis
//   comes back from a restart with an older snapshot (its run_id changed), a new generation is
//   started and every entry of an older one is a miss: nothing it holds can be proven current.
// - Entries are namespaced by the build id, so a new deploy never reads pages of the old one;
//   the tag hash is not, so a publish on a new instance still expires an old one's pages during
//   a rolling deploy. A server that starts begins a new generation too, as the memory cache
//   started empty: nothing rendered from a database since restored or swapped is served.
//
// When Redis does not answer, the site keeps serving: every lookup is a miss (the page renders),
// writes are dropped, one log line a minute at most. An expiry that could not be written is kept
// here and written first once Redis answers again; until then this instance serves nothing from
// Redis. (Instances that can still reach Redis cannot learn of it before that: README.)
//
// Next constructs this class once per request, so the connection and its bookkeeping live in one
// store per process, and each object keeps only what its request read.

import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { createClient, RESP_TYPES } from '@redis/client';

/** Where the app's handler publishes its state, for /api/health (lib/cache/shared-cache-state.ts). */
export const SHARED_CACHE_STATE_KEY = Symbol.for('review-cms.shared-cache');

const NEXT_CACHE_TAGS_HEADER = 'x-next-cache-tags';
const BUILD_PHASE = 'phase-production-build';
const DAY_MS = 24 * 60 * 60 * 1000;

const DEFAULTS = {
  keyPrefix: 'review-cms:',
  commandTimeoutMs: 1000,
  connectTimeoutMs: 2000,
  logIntervalMs: 60_000,
  retryIntervalMs: 1000,
  checkTimeoutMs: 1500,
  /** An entry nobody rewrote in a week is dropped (Next's `expire` is a year by default). */
  entryTtlMs: 7 * DAY_MS,
  /** The tag hash outlives every entry: each write extends it. */
  tagHashTtlMs: 30 * DAY_MS,
};

// Every script starts from the tag hash (KEYS[…] named below). Its fields: `gen`, the
// generation; `~n`, the counter; and one per expired tag, the counter when it last expired.
// A new generation is named after the server's time in microseconds: unique enough, and only
// ever compared for equality.
const NEW_GENERATION = `
local function generation(hash, ttl)
  local gen = redis.call('HGET', hash, 'gen')
  if gen then return gen, false end
  local t = redis.call('TIME')
  gen = t[1] .. '.' .. t[2]
  redis.call('HSET', hash, 'gen', gen)
  redis.call('PEXPIRE', hash, ttl)
  return gen, true
end
local function split(text)
  local list = {}
  for tag in string.gmatch(text or '', '[^\\n]+') do list[#list + 1] = tag end
  return list
end
local function expired(hash, tags, at)
  for i = 1, #tags, 500 do
    local stamps = redis.call('HMGET', hash, unpack(tags, i, math.min(i + 499, #tags)))
    for j = 1, #stamps do
      if stamps[j] and tonumber(stamps[j]) > at then return true end
    end
  end
  return false
end
`;

// KEYS: entry, tag hash. ARGV: tag hash TTL, then the tags the caller adds (Next's tags and soft
// tags). Returns {gen, counter} on a miss, {gen, counter, value} on a hit.
const GET_SCRIPT = `${NEW_GENERATION}
local gen = generation(KEYS[2], ARGV[1])
local counter = tonumber(redis.call('HGET', KEYS[2], '~n') or '0')
local entry = redis.call('HMGET', KEYS[1], 'gen', 'at', 'tags', 'value')
if entry[1] ~= gen or not entry[4] then return {gen, counter} end
local at = tonumber(entry[2])
local tags = split(entry[3])
for i = 2, #ARGV do tags[#tags + 1] = ARGV[i] end
if expired(KEYS[2], tags, at) then return {gen, counter} end
return {gen, counter, entry[4]}
`;

// KEYS: entry, tag hash. ARGV: gen and counter read before the render, tags (one a line), value,
// entry TTL, tag hash TTL. Stores nothing that a lookup would refuse, nor over a later render.
const SET_SCRIPT = `${NEW_GENERATION}
local gen = generation(KEYS[2], ARGV[6])
if gen ~= ARGV[1] then return 0 end
local at = tonumber(ARGV[2])
if expired(KEYS[2], split(ARGV[3]), at) then return 0 end
local stored = redis.call('HMGET', KEYS[1], 'gen', 'at')
if stored[1] == gen and tonumber(stored[2]) > at then return 0 end
redis.call('HSET', KEYS[1], 'gen', gen, 'at', ARGV[2], 'tags', ARGV[3], 'value', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return 1
`;

// KEYS: tag hash. ARGV: its TTL, '1' to start a new generation, then the tags to expire.
const REVALIDATE_SCRIPT = `${NEW_GENERATION}
if ARGV[2] == '1' then redis.call('HDEL', KEYS[1], 'gen') end
generation(KEYS[1], ARGV[1])
local counter = redis.call('HINCRBY', KEYS[1], '~n', 1)
for i = 3, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], counter) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return counter
`;

const SCRIPTS = { get: GET_SCRIPT, set: SET_SCRIPT, revalidate: REVALIDATE_SCRIPT };
const BUFFERS = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } };

/** The server's address without its password, for log lines. */
function describe(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(an unreadable REDIS_URL)';
  }
}

function reasonOf(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 200) || 'no answer';
}

const buildIds = new Map();

/** The id of the build this server runs (`.next/BUILD_ID`), or "development" under `next dev`. */
function buildIdOf(serverDistDir) {
  if (!serverDistDir) return 'development';
  let id = buildIds.get(serverDistDir);
  if (id === undefined) {
    try {
      id = fs.readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim();
    } catch {
      id = '';
    }
    id ||= 'development';
    buildIds.set(serverDistDir, id);
  }
  return id;
}

/** The tags stored with an entry: a page's from its header, a query's from Next's context. */
function tagsOf(data, ctx) {
  const tags = new Set();
  for (const tag of ctx?.tags ?? []) tags.add(tag);
  if (data?.kind === 'FETCH') for (const tag of data.tags ?? []) tags.add(tag);
  const header = data?.headers?.[NEXT_CACHE_TAGS_HEADER];
  if (typeof header === 'string') for (const tag of header.split(',')) if (tag) tags.add(tag);
  return [...tags].filter((tag) => !tag.includes('\n'));
}

/** One connection and what this process knows that Redis may not; shared by every request. */
class SharedStore {
  constructor(options) {
    this.options = options;
    this.where = describe(options.url);
    this.log = options.log ?? ((line) => console.error(line));
    this.now = options.now ?? Date.now;
    this.tagsKey = `${options.keyPrefix}{cache}:tags`;
    this.entryPrefix = `${options.keyPrefix}{cache}:`;
    /** Tags expired here but not yet written to Redis: written first, before anything is read. */
    this.pending = new Set();
    /** Set when every stored entry must go (written first, like `pending`). */
    this.newGeneration = Boolean(options.renewOnStart);
    this.flushing = null;
    this.retryTimer = null;
    /** Resolves once a (re)connection has been checked; every operation waits for it. */
    this.gate = Promise.resolve();
    this.runId = null;
    this.lastSuccess = 0;
    this.lastFailure = 0;
    this.sequence = 0;
    this.lastLogAt = -Infinity;
    this.untold = 0;
    this.down = false;
    this.closed = false;
    this.shas = new Map();
    // The store is made on the first request: that one waits for the first connection (up to
    // connectTimeoutMs) rather than count a connection still being made as Redis being down.
    this.connected = false;
    this.firstConnection = new Promise((resolve) => {
      this.markConnected = resolve;
      setTimeout(resolve, options.connectTimeoutMs).unref();
    });
    try {
      this.client = createClient({
        url: options.url,
        // A command while disconnected fails at once (a miss) instead of waiting for Redis.
        disableOfflineQueue: true,
        commandOptions: { timeout: options.commandTimeoutMs },
        socket: {
          connectTimeout: options.connectTimeoutMs,
          reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000),
        },
      });
    } catch (error) {
      this.client = null;
      this.failed(error);
      return;
    }
    this.client.on('error', (error) => this.failed(error));
    this.client.on('ready', () => {
      this.connected = true;
      this.markConnected();
      this.gate = this.afterConnect();
    });
    this.client.connect().catch((error) => this.failed(error));
    // The HTTP server keeps the process alive; this connection alone must not.
    this.client.unref();
  }

  /** 'ok' while Redis answers and knows every expiry made here; 'degraded' otherwise. */
  state() {
    if (this.closed) return 'off';
    const current =
      this.client?.isReady &&
      this.pending.size === 0 &&
      !this.newGeneration &&
      this.lastSuccess >= this.lastFailure;
    return current ? 'ok' : 'degraded';
  }

  /** Asks Redis (PING) and answers with the state, within checkTimeoutMs. */
  async check() {
    const asked = (async () => {
      if (await this.usable()) {
        try {
          await this.client.sendCommand(['PING']);
          this.succeeded();
        } catch (error) {
          this.failed(error);
        }
      }
      return this.state();
    })();
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(() => resolve('degraded'), this.options.checkTimeoutMs);
    });
    try {
      return await Promise.race([asked, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close() {
    this.closed = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    try {
      this.client?.destroy();
    } catch {
      // Already closed.
    }
  }

  entryKey(buildId, key) {
    return `${this.entryPrefix}${buildId}:${key}`;
  }

  /** {gen, counter, value?}, or null when Redis cannot answer (a miss, and no render start). */
  async get(entryKey, tags) {
    if (!(await this.usable())) return null;
    try {
      const reply = await this.run(
        'get',
        [entryKey, this.tagsKey],
        [String(this.options.tagHashTtlMs), ...tags],
      );
      this.succeeded();
      return { gen: String(reply[0]), counter: Number(reply[1]), value: reply[2] ?? null };
    } catch (error) {
      this.failed(error);
      return null;
    }
  }

  async set(entryKey, read, tags, value, ttlMs) {
    if (!(await this.usable())) return;
    try {
      await this.run(
        'set',
        [entryKey, this.tagsKey],
        [
          read.gen,
          String(read.counter),
          tags.join('\n'),
          value,
          String(ttlMs),
          String(this.options.tagHashTtlMs),
        ],
      );
      this.succeeded();
    } catch (error) {
      this.failed(error);
    }
  }

  /** Records the expiry here first, then writes it; never throws (the publish has committed). */
  async revalidate(tags) {
    for (const tag of tags) this.pending.add(tag);
    if (!(await this.usable())) this.retryLater();
  }

  /**
   * True when Redis can be used now: connected, the connection checked, and every expiry made
   * here written. False makes the caller treat Redis as absent.
   */
  async usable() {
    if (this.closed) return false;
    if (!this.connected) await this.firstConnection;
    if (!this.client?.isReady) {
      this.failed(new Error('not connected'));
      return false;
    }
    await this.gate;
    while (this.pending.size > 0 || this.newGeneration) {
      if (!(await this.flush())) return false;
    }
    return this.client.isReady;
  }

  flush() {
    this.flushing ??= (async () => {
      const tags = [...this.pending];
      const renew = this.newGeneration;
      try {
        await this.run(
          'revalidate',
          [this.tagsKey],
          [String(this.options.tagHashTtlMs), renew ? '1' : '0', ...tags],
        );
        for (const tag of tags) this.pending.delete(tag);
        if (renew) this.newGeneration = false;
        this.succeeded();
        return true;
      } catch (error) {
        this.failed(error);
        this.retryLater();
        return false;
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  /** Keeps trying to write pending expiries, so that the other instances learn of them soon. */
  retryLater() {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setInterval(() => {
      if (this.pending.size === 0 && !this.newGeneration) {
        clearInterval(this.retryTimer);
        this.retryTimer = null;
        return;
      }
      if (this.client?.isReady) void this.usable();
    }, this.options.retryIntervalMs);
    this.retryTimer.unref();
  }

  /** After every (re)connection: a restarted Redis may hold an old snapshot; then the pending. */
  async afterConnect() {
    try {
      const info = String(await this.client.sendCommand(['INFO', 'server']));
      const runId = /run_id:([0-9a-f]+)/.exec(info)?.[1];
      if (runId) {
        if (this.runId !== null && runId !== this.runId) this.newGeneration = true;
        this.runId = runId;
      }
      this.succeeded();
    } catch {
      // INFO can be refused (managed servers rename it): no restart check then.
    }
    while ((this.pending.size > 0 || this.newGeneration) && (await this.flush()));
  }

  async run(name, keys, args) {
    const source = SCRIPTS[name];
    let sha = this.shas.get(name);
    if (sha) {
      try {
        return await this.client.sendCommand(
          ['EVALSHA', sha, String(keys.length), ...keys, ...args],
          BUFFERS,
        );
      } catch (error) {
        if (!reasonOf(error).startsWith('NOSCRIPT')) throw error;
      }
    }
    sha = String(await this.client.sendCommand(['SCRIPT', 'LOAD', source]));
    this.shas.set(name, sha);
    return this.client.sendCommand(
      ['EVALSHA', sha, String(keys.length), ...keys, ...args],
      BUFFERS,
    );
  }

  succeeded() {
    this.lastSuccess = ++this.sequence;
    if (this.down && this.pending.size === 0 && !this.newGeneration) {
      this.down = false;
      this.report(`Shared cache (Redis at ${this.where}) answers again.`);
    }
  }

  failed(error) {
    if (this.closed) return;
    this.lastFailure = ++this.sequence;
    this.down = true;
    this.report(
      `Shared cache (Redis at ${this.where}) is unavailable (${reasonOf(error)}): pages and queries are rendered without it until it answers.`,
    );
  }

  /** One line a minute at most; the next says how many were left out. */
  report(line) {
    const now = this.now();
    if (now - this.lastLogAt < this.options.logIntervalMs) {
      this.untold += 1;
      return;
    }
    const untold = this.untold > 0 ? ` (${this.untold} more reports in the last minute)` : '';
    this.lastLogAt = now;
    this.untold = 0;
    this.log(`${line}${untold}`);
  }
}

/**
 * A cacheHandler class whose objects share one store, created on first use. `options` is a
 * function when it is read then (the app's: REDIS_URL at the first request); null from it means
 * no Redis (every lookup a miss, every write dropped).
 */
export function createRedisCacheHandler(options) {
  let store;
  const storeOf = () => {
    if (store !== undefined) return store;
    const given = typeof options === 'function' ? options() : options;
    if (given instanceof SharedStore || given === null) store = given;
    else store = new SharedStore({ ...DEFAULTS, ...given });
    return store;
  };

  return class RedisCacheHandler {
    /** The store's state: 'ok', 'degraded', or 'off' (no Redis configured). */
    static state() {
      return storeOf()?.state() ?? 'off';
    }

    static check() {
      return storeOf()?.check() ?? Promise.resolve('off');
    }

    static async close() {
      await store?.close();
    }

    /** The store itself, for the tests. */
    static get store() {
      return storeOf();
    }

    #store;
    #buildId;
    /** What each key's first lookup in this request read: its render starts after it. */
    #reads = new Map();

    constructor(ctx = {}) {
      this.#store = storeOf();
      this.#buildId =
        (typeof options === 'object' && options?.buildId) || buildIdOf(ctx.serverDistDir);
    }

    async get(key, ctx) {
      if (!this.#store) return null;
      const tags = ctx?.kind === 'FETCH' ? [...(ctx.tags ?? []), ...(ctx.softTags ?? [])] : [];
      const reply = await this.#store.get(this.#store.entryKey(this.#buildId, key), tags);
      if (!reply) return null;
      if (!this.#reads.has(key)) {
        // A request reads a few keys; this bounds an object kept longer than Next does today.
        if (this.#reads.size >= 1000) this.#reads.clear();
        this.#reads.set(key, { gen: reply.gen, counter: reply.counter, time: Date.now() });
      }
      if (!reply.value) return null;
      try {
        const stored = v8.deserialize(reply.value);
        return {
          lastModified: stored.time,
          value: stored.value,
          ...(stored.cacheControl ? { cacheControl: stored.cacheControl } : {}),
        };
      } catch {
        return null;
      }
    }

    async set(key, data, ctx) {
      // Stored only with the moment its render started, which only this request's lookup knows.
      const read = this.#reads.get(key);
      if (!this.#store || !read) return;
      this.#reads.delete(key);
      const cacheControl = ctx?.fetchCache ? undefined : ctx?.cacheControl;
      const expire = cacheControl?.expire;
      const ttlMs =
        typeof expire === 'number' && expire > 0 && Number.isFinite(expire)
          ? Math.min(this.#store.options.entryTtlMs, expire * 1000)
          : this.#store.options.entryTtlMs;
      let value;
      try {
        value = v8.serialize({ value: data, cacheControl, time: read.time });
      } catch {
        return;
      }
      await this.#store.set(
        this.#store.entryKey(this.#buildId, key),
        read,
        tagsOf(data, ctx),
        value,
        Math.max(1000, Math.round(ttlMs)),
      );
    }

    /**
     * Expires the tags at once, whatever `durations` says: a stale-while-revalidate profile
     * would let one more reader see a page from before a publish.
     */
    async revalidateTag(tags) {
      if (!this.#store) return;
      const list = (typeof tags === 'string' ? [tags] : (tags ?? [])).filter(
        (tag) => typeof tag === 'string' && tag !== '' && !tag.includes('\n'),
      );
      if (list.length > 0) await this.#store.revalidate(list);
    }

    resetRequestCache() {}
  };
}

/** The app's store: REDIS_URL as the server found it; none while `next build` runs. */
function appStore() {
  const published = globalThis[SHARED_CACHE_STATE_KEY];
  if (published?.store) return published.store;
  const url = process.env.REDIS_URL?.trim();
  if (!url || process.env.NEXT_PHASE === BUILD_PHASE) return null;
  // A server that starts serves nothing rendered before it started (as with the memory cache,
  // which starts empty): a database restored or swapped underneath cannot show through.
  const store = new SharedStore({ ...DEFAULTS, url, renewOnStart: true });
  globalThis[SHARED_CACHE_STATE_KEY] = {
    store,
    state: () => store.state(),
    check: () => store.check(),
  };
  return store;
}

export default createRedisCacheHandler(appStore);
