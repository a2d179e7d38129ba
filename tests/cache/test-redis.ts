import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';

// The Redis server the shared-cache tests use: TEST_REDIS_URL, or the one on 127.0.0.1:6379 (never
// REDIS_URL, which may name a real cache). An unreachable server fails the tests with how to start
// one; they are never skipped, so a broken shared cache cannot hide. Each test file works under a
// random key prefix and deletes its keys afterwards: nothing else on the server is touched.

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

function testClient() {
  return createClient({
    url: TEST_REDIS_URL,
    socket: { connectTimeout: 3000, reconnectStrategy: false },
  });
}

export type TestRedis = {
  url: string;
  /** Every key of this test file starts with it. */
  prefix: string;
  client: ReturnType<typeof testClient>;
  /** Deletes this file's keys and closes the connection. */
  cleanup(): Promise<void>;
};

export async function connectTestRedis(): Promise<TestRedis> {
  const client = testClient();
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.destroy();
    throw new Error(
      `Redis is not reachable at ${redacted(TEST_REDIS_URL)} (${(error as Error).message}). ` +
        'The shared-cache tests (REDIS_URL in the app) need a real server: start one ' +
        '(`redis-server --daemonize yes`, or `sudo service redis-server start`; ' +
        '`apt-get install redis-server` where there is none) or point TEST_REDIS_URL at one. ' +
        'They use a random key prefix and delete only their own keys.',
    );
  }
  const prefix = `review-cms-test-${randomBytes(5).toString('hex')}:`;
  return {
    url: TEST_REDIS_URL,
    prefix,
    client,
    async cleanup() {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
        keys.push(...batch);
      if (keys.length > 0) await client.unlink(keys);
      client.destroy();
    },
  };
}

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = parsed.password ? '…' : '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The URL of the test server with its host and port replaced (for a proxy or a dead port). */
export function redisUrlAt(port: number, { password }: { password?: string } = {}): string {
  const url = new URL(TEST_REDIS_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  if (password !== undefined) url.password = password;
  return url.toString();
}

/** A port on 127.0.0.1 where nothing listens. */
export async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A TCP proxy to the test server: a handler connected through it loses Redis when it is cut
 * (every connection dropped, nothing listening) and finds it again when it is restored.
 */
export async function startRedisProxy() {
  const target = new URL(TEST_REDIS_URL);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    sockets.add(socket).add(upstream);
    const drop = () => {
      socket.destroy();
      upstream.destroy();
      sockets.delete(socket);
      sockets.delete(upstream);
    };
    socket.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  let listening = true;
  return {
    port,
    async cut() {
      if (!listening) return;
      listening = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
    async restore() {
      if (listening) return;
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      listening = true;
    },
    async close() {
      await this.cut();
    },
  };
}

/** Waits until `condition` holds (polling), or fails after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 8000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
