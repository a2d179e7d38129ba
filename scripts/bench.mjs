// npm run bench: builds the app, starts the production server on a throwaway copy of a
// database, and measures requests per second and p50/p99 latency with autocannon at 50
// connections for the reader pages, against Next's own ceiling on this machine: the
// prerendered /about page served by the same server. Prints each figure and its ratio to the
// ceiling, and the server's peak memory.
//
//   node scripts/bench.mjs [--skip-build] [--duration 10] [--connections 50]
//                          [--database <file>]   (copied first; default: a fresh database
//                                                 with the sample review)
//                          [--json <file>]       (also write the results as JSON)
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const { values: options } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    database: { type: 'string' },
    json: { type: 'string' },
    port: { type: 'string', default: '3120' },
  },
});

const duration = Number(options.duration);
const connections = Number(options.connections);
if (
  !Number.isInteger(duration) ||
  duration < 1 ||
  !Number.isInteger(connections) ||
  connections < 1
) {
  console.error('--duration and --connections take positive whole numbers.');
  process.exit(1);
}
if (options.database && !fs.existsSync(options.database)) {
  console.error(`No database at ${options.database}.`);
  process.exit(1);
}

const origin = `http://127.0.0.1:${options.port}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-bench-'));
const databasePath = path.join(dir, 'cms.db');
let server;

function cleanUp() {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

if (!options['skip-build']) {
  console.log('Building…');
  execFileSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    stdio: 'inherit',
  });
}
if (!fs.existsSync('.next/BUILD_ID')) {
  console.error('No production build in .next: run without --skip-build.');
  process.exit(1);
}
if (options.database) {
  // A consistent copy, so the original is never written to.
  await new Database(options.database, { readonly: true }).backup(databasePath);
}

server = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '--port', options.port],
  {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databasePath,
      NEXTAUTH_URL: origin,
      SITE_URL: origin,
      ADMIN_EMAIL: 'bench@example.test',
      ADMIN_PASSWORD: 'bench passphrase for the admin',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let log = '';
server.stdout.on('data', (chunk) => (log += chunk));
server.stderr.on('data', (chunk) => (log += chunk));

async function waitForServer() {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`The server exited:\n${log}`);
    const ok = await fetch(`${origin}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not start:\n${log}`);
}

/** The newest published review's slug, and a word to search for, from the database. */
function pickTargets() {
  const db = new Database(databasePath, { readonly: true });
  const review = db
    .prepare(
      'select slug, work_title as title from published_reviews order by published_at desc limit 1',
    )
    .get();
  db.close();
  if (!review) throw new Error('The database has no published review to measure.');
  const word = review.title.split(/\s+/)[0].toLowerCase();
  return { slug: review.slug, word };
}

function peakMemoryMiB() {
  try {
    const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return Number.isFinite(kib) ? Math.round(kib / 1024) : null;
  } catch {
    return null;
  }
}

function run(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** Warms the page (fills the cache), then measures it. */
async function measure(name, pathname) {
  const warm = await fetch(`${origin}${pathname}`);
  if (!warm.ok) throw new Error(`${pathname} answered ${warm.status}.`);
  await run(`${origin}${pathname}`, 2);
  const result = await run(`${origin}${pathname}`, duration);
  const errors = result.errors + result.non2xx;
  return {
    name,
    path: pathname,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
  };
}

try {
  await waitForServer();
  const { slug, word } = pickTargets();
  const pages = [
    ['ceiling: /about (prerendered)', '/about'],
    ['home /', '/'],
    ['review page', `/reviews/${slug}`],
    ['search', `/search?q=${encodeURIComponent(word)}`],
  ];
  const results = [];
  for (const [name, pathname] of pages) {
    results.push(await measure(name, pathname));
    console.log(`measured ${name}`);
  }
  const ceiling = results[0].rps;
  const memory = peakMemoryMiB();
  console.log(
    `\n${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
      `${connections} connections, ${duration} s per page\n`,
  );
  console.log('| page | req/s | p50 ms | p99 ms | ratio to ceiling | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${(r.rps / ceiling).toFixed(2)} | ${r.errors} |`,
    );
  }
  console.log(`\nServer peak memory (VmHWM): ${memory ?? 'unknown'} MiB`);
  if (options.json) {
    fs.writeFileSync(
      options.json,
      JSON.stringify({ connections, duration, memoryMiB: memory, results }, null, 2),
    );
  }
  const failed = results.filter((r) => r.errors > 0);
  if (failed.length > 0) {
    console.error(`Errors on: ${failed.map((r) => r.path).join(', ')}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  cleanUp();
}
