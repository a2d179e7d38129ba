// Several production instances (`node server.mjs`) on one PostgreSQL database behind nginx, on
// this machine: what `npm run cluster` starts for trying it, and what the cluster end-to-end test
// (e2e/cluster.spec.ts) starts for itself. deploy/README.md describes the nginx configuration,
// deploy/nginx.conf.template, that is rendered here.
//
// The instances start together, as replicas of a deploy do: on a new database they take turns
// (db/prepare.ts, prepareInstance: an advisory lock), so one migrates it, seeds it and creates
// the first admin (ADMIN_EMAIL, ADMIN_PASSWORD), and the others find that done. Each instance
// listens on 127.0.0.1 only, trusts one proxy (TRUSTED_PROXY_HOPS=1: nginx), and knows the
// public origin (nginx's) as NEXTAUTH_URL and SITE_URL.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createClient } from '@redis/client';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const NGINX_TEMPLATE = path.join(ROOT, 'deploy', 'nginx.conf.template');
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'];

export const NGINX_MISSING =
  "nginx is not installed (looked for /usr/sbin/nginx and nginx on PATH): install Debian's with `sudo apt-get install nginx` (`.ci/run` does that on CI). It is run as the current user, from a folder of its own; the system service is not needed.";

/** The nginx binary, or null when there is none. */
export function findNginx() {
  for (const file of NGINX_CANDIDATES) if (isExecutable(file)) return file;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, 'nginx');
    if (dir && isExecutable(file)) return file;
  }
  return null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- PostgreSQL ----

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function databaseName(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!DATABASE_NAME.test(name))
    throw new Error(`"${name}" is not a database name this script creates (letters, digits, _).`);
  return name;
}

/** `url` without its password, for printing. */
export function withoutPassword(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '…';
  return parsed.toString();
}

/** The server's maintenance database (`postgres`) at the same address as `url`. */
function maintenanceUrl(url) {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

async function onServer(url, statement) {
  const client = new pg.Client({
    connectionString: maintenanceUrl(url),
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${withoutPassword(maintenanceUrl(url))} (${error.message}). ` +
        'Start it (`sudo service postgresql start`) or name another server with --database.',
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the database `url` names unless it exists. Resolves with whether it was created. */
export async function ensurePostgresDatabase(url) {
  const name = databaseName(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  let missing = false;
  try {
    await client.connect();
  } catch (error) {
    // 3D000: no such database; another SQLSTATE (a wrong password) is the answer. A server
    // that cannot be reached: onServer says so, with what to do.
    if (/^[0-9A-Z]{5}$/.test(error.code ?? '') && error.code !== '3D000') throw error;
    missing = true;
  } finally {
    await client.end().catch(() => {});
  }
  if (!missing) return false;
  await onServer(url, `CREATE DATABASE "${name}"`);
  return true;
}

/** Drops the database `url` names, ending any connection still open to it. */
export async function dropPostgresDatabase(url) {
  await onServer(url, `DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
}

// ---- Redis ----

/** Whether a Redis server answers PING at `url` within two seconds. */
export async function redisAnswers(url) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/**
 * One of Redis's numbered databases (1–15) that holds no keys, for one run of its own: the app's
 * cache handler has no setting for its key prefix (`review-cms:`), so a run shares nothing with
 * other users of the server only in a database of its own. `cleanup` deletes that run's keys.
 */
export async function emptyRedisDatabase(url = DEFAULT_REDIS_URL) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw new Error(
      `Redis is not reachable at ${withoutPassword(url)} (${error.message}). Start it ` +
        '(`redis-server --daemonize yes`, or `sudo service redis-server start`; ' +
        '`sudo apt-get install redis-server` where there is none).',
    );
  }
  try {
    const start = randomInt(15);
    for (let i = 0; i < 15; i++) {
      const database = ((start + i) % 15) + 1;
      await client.select(database);
      if ((await client.dbSize()) > 0) continue;
      const chosen = new URL(url);
      chosen.pathname = `/${database}`;
      return {
        url: chosen.toString(),
        database,
        cleanup: () => deleteKeys(chosen.toString(), 'review-cms:*'),
      };
    }
    throw new Error(`Every Redis database 1–15 at ${withoutPassword(url)} holds keys.`);
  } finally {
    client.destroy();
  }
}

async function deleteKeys(url, pattern) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    const keys = [];
    for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 500 }))
      keys.push(...batch);
    if (keys.length > 0) await client.unlink(keys);
  } finally {
    client.destroy();
  }
}

// ---- Ports ----

/** Resolves when nothing listens on 127.0.0.1:`port` (it could be bound); rejects otherwise. */
export function checkPortFree(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(
        new Error(`Port ${port} is in use: stop what listens there or choose another --port.`),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

// ---- nginx ----

/** The user line of the configuration: workers of an nginx started by root run as nobody. */
function userDirective() {
  if (process.getuid?.() !== 0) return '';
  const group = fs
    .readFileSync('/etc/group', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find(([, , gid]) => gid === '65534')?.[0];
  return `user nobody${group ? ` ${group}` : ''};`;
}

/** Throws unless nobody (nginx's workers, when it starts as root) can reach `dir`. */
function checkReachableByWorkers(dir) {
  if (process.getuid?.() !== 0) return;
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if ((fs.statSync(at).mode & 0o001) === 0)
      throw new Error(
        `nginx's workers run as nobody and cannot enter ${at} (its cache and temporary files ` +
          `are in ${dir}): \`chmod o+x ${at}\`, or choose a folder they can reach.`,
      );
    if (at === path.dirname(at)) return;
  }
}

/**
 * deploy/nginx.conf.template with its placeholders filled in: `dir` (pid, logs, cache, temporary
 * files), `listen` and the instances' `upstreams` (host:port).
 */
export function renderNginxConfig({ dir, listen, upstreams, template = NGINX_TEMPLATE }) {
  const values = {
    user: userDirective(),
    dir,
    listen: String(listen),
    servers: upstreams
      .map((address) => `    server ${address} max_fails=1 fail_timeout=5s;`)
      .join('\n'),
  };
  const text = fs.readFileSync(template, 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (match, name) => {
    if (!(name in values)) throw new Error(`${template}: unknown placeholder ${match}`);
    return values[name];
  });
}

// ---- Processes ----

/** A child process whose output is kept (and passed to `onOutput` line by line). */
function startProcess(name, command, args, options, onOutput) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let partial = '';
  const take = (chunk) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (!onOutput) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onOutput(name, line);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const killAtExit = () => {
    if (running()) child.kill('SIGKILL');
  };
  process.on('exit', killAtExit);
  return {
    name,
    child,
    exited,
    running,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (running()) child.kill(signal);
      const timer = setTimeout(() => running() && child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
      process.off('exit', killAtExit);
    },
  };
}

/** Waits until `url` answers 200 (or the process exits, or two minutes pass). */
async function waitUntilHealthy(processInfo, url, timeoutMs = 120_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (!processInfo.running())
      throw new Error(
        `${processInfo.name} exited while starting:\n${processInfo.output().slice(-4000)}`,
      );
    const ok = await fetch(url, { signal: AbortSignal.timeout(5000) })
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error(
    `${processInfo.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${processInfo.output().slice(-4000)}`,
  );
}

/**
 * Starts `instances` instances on ports instancePort… (port+1… unless given) and nginx on
 * `port`, all on 127.0.0.1.
 *
 * database: a postgres:// URL (the database must exist); secret: NEXTAUTH_SECRET, the same on
 * every instance; uploadsDir: one folder for all; redisUrl: the shared cache, or null; dir:
 * nginx's folder (config, logs, cache, temporary files; its cache is emptied first); env: more
 * variables for the instances (ADMIN_EMAIL…); onOutput(name, line): every line they print.
 */
export async function startCluster({
  instances = 2,
  port = 8080,
  instancePort = port + 1,
  database,
  secret,
  uploadsDir,
  redisUrl = null,
  dir,
  env = {},
  onOutput,
}) {
  const nginxBinary = findNginx();
  if (!nginxBinary) throw new Error(NGINX_MISSING);
  if (!/^postgres(?:ql)?:\/\//i.test(String(database)))
    throw new Error('A cluster needs a PostgreSQL database (postgres://…): SQLite is one machine.');
  if (!secret) throw new Error('A cluster needs one NEXTAUTH_SECRET for every instance.');
  const ports = Array.from({ length: instances }, (_, i) => instancePort + i);
  for (const each of [port, ...ports]) await checkPortFree(each);

  fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'temp'), { recursive: true });
  checkReachableByWorkers(dir);

  const origin = `http://127.0.0.1:${port}`;
  fs.mkdirSync(uploadsDir, { recursive: true });
  const instanceEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: database,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: origin,
    SITE_URL: origin,
    UPLOADS_DIR: uploadsDir,
    TRUSTED_PROXY_HOPS: '1',
    TRUSTED_PROXIES: '',
    REDIS_URL: redisUrl ?? '',
    ...env,
  };

  const started = [];
  const cluster = {
    origin,
    dir,
    redisUrl,
    instances: [],
    nginx: null,
    async stop() {
      await Promise.all(started.map((each) => each.stop()));
    },
    /** Kills instance `index` with SIGKILL, as a crash would, and waits until it is gone. */
    async kill(index) {
      const instance = cluster.instances[index];
      instance.child.kill('SIGKILL');
      await instance.exited;
    },
    /** Starts instance `index` again on its port; resolves once it answers /api/health. */
    async restart(index) {
      const { port: listenPort } = cluster.instances[index];
      cluster.instances[index] = await startInstance(listenPort, index);
      return cluster.instances[index];
    },
  };
  const startInstance = async (listenPort, index) => {
    const name = `instance ${index + 1}`;
    const processInfo = startProcess(
      name,
      process.execPath,
      ['server.mjs', '--port', String(listenPort), '--hostname', '127.0.0.1'],
      { cwd: ROOT, env: instanceEnv },
      onOutput,
    );
    started.push(processInfo);
    const instanceOrigin = `http://127.0.0.1:${listenPort}`;
    await waitUntilHealthy(processInfo, `${instanceOrigin}/api/health`);
    return {
      ...processInfo,
      port: listenPort,
      origin: instanceOrigin,
      address: `127.0.0.1:${listenPort}`,
    };
  };

  try {
    cluster.instances = await Promise.all(ports.map((each, i) => startInstance(each, i)));

    const config = path.join(dir, 'nginx.conf');
    fs.writeFileSync(
      config,
      renderNginxConfig({
        dir,
        listen: `127.0.0.1:${port}`,
        upstreams: cluster.instances.map((each) => each.address),
      }),
    );
    const nginx = startProcess(
      'nginx',
      nginxBinary,
      ['-p', dir, '-c', config, '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'],
      { cwd: dir },
      onOutput,
    );
    started.push(nginx);
    try {
      await waitUntilHealthy(nginx, `${origin}/api/health`, 30_000);
    } catch (error) {
      const log = path.join(dir, 'error.log');
      const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-3000) : '';
      throw new Error(`${error.message}\n${tail}`);
    }
    cluster.nginx = { ...nginx, binary: nginxBinary, config };
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
