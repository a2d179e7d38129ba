// npm run test:crash (node scripts/crash-test.mjs [--cycles N] [--engine sqlite|postgres]:
// 20 cycles on SQLite by default; npm run test:crash runs both engines)
//
// Kills the production server with SIGKILL in the middle of a stream of saves, again and again,
// then checks the database: every save the server acknowledged (HTTP 200) must be there, at the
// version it was acknowledged with and with the text it carried. A save whose answer never
// arrived is not checked: the client was never told it was saved. It uses the existing
// production build (`next build`, run by test:e2e before it) on a fresh database, removed
// afterwards.
//
// SQLite (the default): a database file in a temporary directory, which must also pass
// `PRAGMA integrity_check`.
//
// PostgreSQL (--engine postgres): a private throwaway cluster (scripts/lib/private-postgres.mjs:
// initdb in a temporary directory, its own port and socket), never the machine's shared server.
// Every third cycle also crash-stops PostgreSQL itself (`pg_ctl stop -m immediate`: no
// checkpoint) while saves are in flight, then starts it again (crash recovery) before the app
// restarts. Saves cut off by the database going down fail and are never acknowledged; the
// acknowledged ones must all be there. In place of integrity_check: every table reads to its
// end, pg_amcheck (when installed) finds nothing, and every review has revisions 1..version.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { request as sendRequest, signIn } from './lib/load-support.mjs';
import { privateCluster } from './lib/private-postgres.mjs';

const PORT = 3110;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const ADMIN_EMAIL = 'crash@test.example';
const ADMIN_PASSWORD = 'pulled plug, kept every word 42';
const IN_FLIGHT = 3;
const KILL_AFTER_MS = [200, 1500];
const START_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** On PostgreSQL, every this many cycles the database server is crash-stopped as well. */
const DATABASE_CRASH_EVERY = 3;
/** How long the app runs on with its database gone before it is killed in turn. */
const KILL_APP_AFTER_DATABASE_MS = [0, 500];
const POSTGRES_DATABASE = 'cms';
const ENGINES = ['sqlite', 'postgres'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const USAGE = 'Usage: node scripts/crash-test.mjs [--cycles N] [--engine sqlite|postgres]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        cycles: { type: 'string', default: '20' },
        engine: { type: 'string', default: 'sqlite' },
      },
      strict: true,
      allowPositionals: false,
    });
    const cycles = Number(values.cycles);
    if (!Number.isInteger(cycles) || cycles < 1) throw new Error('--cycles must be 1 or more.');
    if (!ENGINES.includes(values.engine))
      throw new Error(`--engine must be ${ENGINES.join(' or ')}, got "${values.engine}".`);
    return { cycles, engine: values.engine };
  } catch (error) {
    console.error(`Error: ${error.message}\n${USAGE}`);
    process.exit(1);
  }
}

const { cycles, engine } = options();
const ROOT = path.resolve(import.meta.dirname, '..');
process.chdir(ROOT);

if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
  console.error(
    'Error: no production build (.next/BUILD_ID is missing). Run `npx next build` first ' +
      '(npm test builds it in its test:e2e step, before this one).',
  );
  process.exit(1);
}

// On PostgreSQL: the private cluster (its directory made now, initdb in main) and the URL of the
// app's database on it.
const cluster = (() => {
  if (engine !== 'postgres') return null;
  try {
    return privateCluster({ prefix: 'review-cms-crash-pg-' });
  } catch (error) {
    console.error(`Error: ${error.message}`);
    process.exit(1);
  }
})();
let postgresUrl = '';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-crash-'));
const databasePath = path.join(dir, 'cms.db');

// ---- The database ----

// On PostgreSQL there is no database folder for the session key and the uploads to live beside.
const postgresAppEnv = {
  NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
  UPLOADS_DIR: path.join(dir, 'uploads'),
};

/** What the app is given to find its database. */
function databaseEnv() {
  return engine === 'postgres'
    ? { DATABASE_URL: postgresUrl, ...postgresAppEnv }
    : { DATABASE_URL: databasePath };
}

/** The review the saves edit: the first one the server seeded. */
async function firstReviewId() {
  if (engine === 'postgres') {
    return withPostgres(async (client) => {
      const { rows } = await client.query('select id from reviews order by id limit 1');
      return rows[0]?.id;
    });
  }
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select id from reviews order by id limit 1').pluck().get();
  } finally {
    db.close();
  }
}

async function withPostgres(body) {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

// ---- The server ----

/** @type {{ child: import('node:child_process').ChildProcess, exited: Promise<void>, agent: http.Agent } | null} */
let server = null;
let serverLog = '';

function log(text) {
  serverLog = (serverLog + text).slice(-20_000);
}

/** Kills the server outright if it is running; safe to call from the 'exit' handler. */
function killServerNow() {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    try {
      process.kill(server.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

async function startServer() {
  // Something else answering on the port would be tested instead of this build.
  const before = await request('GET', '/api/health', { agent: false }).catch(() => null);
  if (before) throw new Error(`Port ${PORT} is already in use; stop whatever listens there.`);
  log(`\n---- starting the server ----\n`);
  const child = spawn(process.execPath, ['server.mjs', '--port', String(PORT)], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...databaseEnv(),
      NODE_ENV: 'production',
      NEXTAUTH_URL: ORIGIN,
      SITE_URL: ORIGIN,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      // One account saves as fast as it can here: the per-person limit is not what is tested.
      SAVES_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => log(chunk.toString()));
  child.stderr.on('data', (chunk) => log(chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  // A fresh connection pool per server: sockets to a killed server are dead.
  server = { child, exited, agent: new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT + 2 }) };

  const started = Date.now();
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The server exited while starting:\n${serverLog}`);
    const health = await request('GET', '/api/health').catch(() => null);
    if (health?.status === 200) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`The server did not answer /api/health within a minute:\n${serverLog}`);
}

/** Kills the server; answers whether it was still running (it had not exited on its own). */
async function killServer() {
  if (!server) return false;
  const running = server.child.exitCode === null && server.child.signalCode === null;
  killServerNow();
  await server.exited;
  server.agent.destroy();
  server = null;
  return running;
}

// ---- HTTP ----

/**
 * One request to the server (scripts/lib/load-support.mjs). Resolves with the status, headers
 * and parsed body, or rejects when the connection fails (refused, reset by the kill, or timed
 * out).
 */
function request(method, pathname, { headers = {}, body, agent } = {}) {
  return sendRequest(ORIGIN, method, pathname, {
    headers,
    body,
    agent: agent ?? server?.agent ?? false,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
}

// ---- The saves ----

const stats = {
  sent: 0,
  acknowledged: 0,
  conflicts: 0,
  connectionFailures: 0,
  serverErrors: [],
  unexpected: [],
  startMs: [],
  // PostgreSQL only: the crash stops, the saves that failed because of one, the recovery times,
  // and the times the app had already exited by itself when it was to be killed.
  databaseCrashes: 0,
  databaseFailures: 0,
  databaseStartMs: [],
  appGoneBeforeKill: 0,
};
/** Every save answered with 200: the version it was stored as and what it set. */
const acknowledged = [];

function paragraph(text) {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

/**
 * The change a save makes: its token in the dek, or as the last paragraph of one of two
 * sections (consecutive saves touch different fields, so concurrent ones mostly merge; when
 * two touch the same field at once, one gets a 409 and is retried on top of the other).
 */
function makeChange(n, original) {
  const which = n % 3;
  if (which === 0) return { field: 'dek', apply: (content, token) => ({ ...content, dek: token }) };
  const section = original.sections[which === 1 ? 0 : original.sections.length - 1];
  return {
    field: `section:${section.id}`,
    apply: (content, token) => ({
      ...content,
      sections: content.sections.map((s) =>
        s.id === section.id
          ? {
              ...s,
              body: { ...section.body, content: [...section.body.content, paragraph(token)] },
            }
          : s,
      ),
    }),
  };
}

/** What a field holds in a stored content, for the final check. */
function fieldValue(content, field) {
  if (field === 'dek') return content.dek;
  const id = field.slice('section:'.length);
  const body = content.sections.find((s) => s.id === id)?.body;
  return body?.content?.at(-1)?.content?.[0]?.text;
}

async function runCycle(cycle, context, { crashDatabase = false } = {}) {
  const revisionsPath = `/api/reviews/${context.reviewId}/revisions`;
  const headers = {
    'Content-Type': 'application/json',
    Origin: ORIGIN,
    Cookie: context.cookie,
  };
  const current = await request('GET', revisionsPath, { headers: { Cookie: context.cookie } });
  if (current.status !== 200)
    throw new Error(
      `GET ${revisionsPath} answered ${current.status}: ${current.text.slice(0, 300)}`,
    );
  let latest = { version: current.json.version, content: current.json.content };
  context.original ??= latest.content;

  let killed = false;
  // Set just before the database server is crash-stopped: from then on an error answer is the
  // crash's doing (the save was never acknowledged), not a bug.
  let databaseDown = false;
  let counter = 0;
  const killAfter = KILL_AFTER_MS[0] + Math.random() * (KILL_AFTER_MS[1] - KILL_AFTER_MS[0]);

  async function saveLoop() {
    while (!killed) {
      const n = ++counter;
      const token = `crash-${cycle}-${n}`;
      const change = makeChange(n, context.original);
      let base = latest;
      for (let attempt = 0; !killed; attempt++) {
        stats.sent += 1;
        let response;
        try {
          response = await request('POST', revisionsPath, {
            headers,
            body: Buffer.from(
              JSON.stringify({
                baseVersion: base.version,
                kind: n % 2 === 0 ? 'autosave' : 'save',
                content: change.apply(base.content, token),
              }),
            ),
          });
        } catch {
          // The kill (or the restart) cut it off: the client was never told it was saved.
          stats.connectionFailures += 1;
          return;
        }
        if (response.status === 200 && response.json?.status === 'saved') {
          stats.acknowledged += 1;
          acknowledged.push({ version: response.json.version, token, field: change.field });
          if (response.json.version > latest.version)
            latest = { version: response.json.version, content: response.json.content };
          break;
        }
        if (databaseDown && response.status >= 500) {
          stats.databaseFailures += 1;
          return;
        }
        if (response.status === 409 && response.json?.status === 'conflict' && attempt < 20) {
          stats.conflicts += 1;
          base = { version: response.json.version, content: response.json.theirs };
          continue;
        }
        const problem = `cycle ${cycle}, save ${token}: HTTP ${response.status} ${response.text.slice(0, 300)}`;
        if (response.status >= 500) stats.serverErrors.push(problem);
        else stats.unexpected.push(problem);
        break;
      }
    }
  }

  const stream = Array.from({ length: IN_FLIGHT }, () => saveLoop());
  await sleep(killAfter);
  let appKillDelay = null;
  if (crashDatabase) {
    databaseDown = true;
    await cluster.crashStop();
    stats.databaseCrashes += 1;
    appKillDelay =
      KILL_APP_AFTER_DATABASE_MS[0] +
      Math.random() * (KILL_APP_AFTER_DATABASE_MS[1] - KILL_APP_AFTER_DATABASE_MS[0]);
    await sleep(appKillDelay);
  }
  killed = true;
  if (!(await killServer()) && engine === 'postgres') stats.appGoneBeforeKill += 1;
  await Promise.all(stream);
  let databaseStartMs = null;
  if (crashDatabase) {
    const started = Date.now();
    await cluster.start();
    databaseStartMs = Date.now() - started;
    stats.databaseStartMs.push(databaseStartMs);
  }
  return { killAfter, appKillDelay, databaseStartMs };
}

// ---- The check ----

/**
 * What the SQLite file holds: integrity_check's findings, the first review and its revisions
 * (version and content), in version order.
 */
function readSqlite() {
  const problems = [];
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: false }).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok')
      problems.push(`integrity_check: ${integrity.slice(0, 10).join('; ')}`);

    const review = db.prepare('select id, version from reviews order by id limit 1').get();
    const revisions = db
      .prepare('select version, content from review_revisions where review_id = ? order by version')
      .all(review.id);
    return { problems, review, revisions, checked: 'integrity_check ok' };
  } finally {
    db.close();
  }
}

/**
 * What the PostgreSQL database holds, as readSqlite answers it. In place of integrity_check:
 * every table reads to its end (each row whole, TOAST included), pg_amcheck finds nothing in
 * the tables and B-tree indexes (when amcheck is installed), and every review's revisions are
 * exactly 1..its version.
 */
async function readPostgres() {
  const problems = [];
  const checks = ['every table readable'];
  const snapshot = await withPostgres(async (client) => {
    const { rows: tables } = await client.query(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables
        where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
    );
    for (const { name } of tables) {
      try {
        await client.query(`select count(*), sum(length(t::text)) from ${name} t`);
      } catch (error) {
        problems.push(`reading ${name}: ${error.message}`);
      }
    }

    const { rows: uneven } = await client.query(
      `select r.id, r.version, count(v.id)::int as revisions, max(v.version) as last
         from reviews r left join review_revisions v on v.review_id = r.id
        group by r.id, r.version
       having count(v.id) <> r.version or coalesce(max(v.version), 0) <> r.version`,
    );
    for (const row of uneven)
      problems.push(
        `review ${row.id} is at version ${row.version} but has ${row.revisions} revision(s), last ${row.last}`,
      );
    checks.push('revisions 1..version for every review');

    const { rows: amcheck } = await client.query(
      `select 1 from pg_available_extensions where name = 'amcheck'`,
    );
    const found = amcheck.length > 0 ? cluster.amcheck(POSTGRES_DATABASE) : null;
    if (found === null) checks.push('pg_amcheck skipped (amcheck is not installed)');
    else if (found.length > 0) problems.push(`pg_amcheck: ${found.join('; ')}`);
    else checks.push('pg_amcheck ok');

    const {
      rows: [review],
    } = await client.query('select id, version from reviews order by id limit 1');
    const { rows: revisions } = await client.query(
      'select version, content from review_revisions where review_id = $1 order by version',
      [review.id],
    );
    return { review, revisions };
  });
  return { problems, ...snapshot, checked: checks.join(', ') };
}

/**
 * Compares what the database holds (readSqlite or readPostgres) with the acknowledged saves:
 * the review's revisions are 1..its version, and every acknowledged save is there once, at its
 * version, with its token in its field.
 */
function verify({ problems, review, revisions, checked }) {
  const failures = [...problems];
  const versions = revisions.map((r) => r.version);
  const gaps = versions.some((version, i) => version !== i + 1);
  if (gaps || versions.at(-1) !== review.version)
    failures.push(
      `revisions are not 1..${review.version} (${versions.length} rows, last ${versions.at(-1)})`,
    );

  const contentAt = new Map(revisions.map((r) => [r.version, r.content]));
  const seen = new Map();
  let verified = 0;
  for (const ack of acknowledged) {
    if (seen.has(ack.version)) {
      failures.push(
        `version ${ack.version} was acknowledged twice (${seen.get(ack.version)}, ${ack.token})`,
      );
      continue;
    }
    seen.set(ack.version, ack.token);
    const content = contentAt.get(ack.version);
    if (content === undefined) {
      failures.push(`acknowledged save ${ack.token} (version ${ack.version}) is missing`);
      continue;
    }
    const value = fieldValue(JSON.parse(content), ack.field);
    if (value !== ack.token) {
      failures.push(
        `version ${ack.version} should hold ${ack.token} in ${ack.field}, holds ${JSON.stringify(value)}`,
      );
      continue;
    }
    verified += 1;
  }
  return { failures, verified, revisions: versions.length, checked };
}

// ---- Run ----

function cleanUp() {
  killServerNow();
  if (cluster) {
    cluster.stopNow();
    cluster.remove();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(
      `\nInterrupted (${signal}); the server was stopped` +
        (cluster ? ', and the private PostgreSQL cluster stopped and removed.' : '.'),
    );
    process.exit(130);
  });
}

/** Initialises and starts the private cluster and creates the app's database on it. */
async function startPostgres() {
  const started = Date.now();
  await cluster.init();
  await cluster.start();
  postgresUrl = await cluster.createDatabase(POSTGRES_DATABASE);
  return Date.now() - started;
}

async function main() {
  const started = Date.now();
  if (engine === 'postgres') {
    const setUpMs = await startPostgres();
    console.log(
      `Crash test on PostgreSQL: ${cycles} cycle(s) of saves cut off by SIGKILL, the database ` +
        `server crash-stopped too every ${DATABASE_CRASH_EVERY} cycles, on a private cluster ` +
        `(${cluster.dir}, port ${cluster.port}, ready in ${setUpMs} ms)`,
    );
  } else {
    console.log(`Crash test: ${cycles} cycle(s) of saves cut off by SIGKILL, on ${databasePath}`);
  }
  stats.startMs.push(await startServer());
  const cookie = await signIn(ORIGIN, ADMIN_EMAIL, ADMIN_PASSWORD);
  const reviewId = await firstReviewId();
  if (!reviewId) throw new Error('The server seeded no sample review to edit.');
  const context = { reviewId, cookie, original: undefined };

  for (let cycle = 1; cycle <= cycles; cycle++) {
    if (!server) stats.startMs.push(await startServer());
    const before = stats.acknowledged;
    const crashDatabase = engine === 'postgres' && cycle % DATABASE_CRASH_EVERY === 0;
    const { killAfter, appKillDelay, databaseStartMs } = await runCycle(cycle, context, {
      crashDatabase,
    });
    const what = crashDatabase
      ? `PostgreSQL crash-stopped after ${Math.round(killAfter)} ms, the app killed ` +
        `${Math.round(appKillDelay)} ms later, PostgreSQL recovered in ${databaseStartMs} ms`
      : `killed after ${Math.round(killAfter)} ms`;
    console.log(
      `  cycle ${String(cycle).padStart(2)}: ${what}, ` +
        `${stats.acknowledged - before} save(s) acknowledged`,
    );
  }

  const result = verify(engine === 'postgres' ? await readPostgres() : readSqlite());
  const failures = [
    ...result.failures,
    ...stats.serverErrors.map((problem) => `5xx: ${problem}`),
    ...stats.unexpected.map((problem) => `unexpected answer: ${problem}`),
  ];
  if (stats.acknowledged === 0) failures.push('no save was acknowledged at all');
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);
  const mean = (list) => Math.round(list.reduce((a, b) => a + b, 0) / list.length);
  const meanStart = mean(stats.startMs);
  const postgresLines =
    engine === 'postgres'
      ? [
          `PostgreSQL crash stops: ${stats.databaseCrashes}` +
            (stats.databaseCrashes > 0
              ? ` (recovered in ${mean(stats.databaseStartMs)} ms on average; ` +
                `${stats.databaseFailures} save(s) answered with an error once it was down)`
              : ''),
          ...(stats.appGoneBeforeKill > 0
            ? [`The app had already exited by itself ${stats.appGoneBeforeKill} time(s)`]
            : []),
        ]
      : [];
  console.log(
    [
      `Cycles: ${cycles} (server starts: ${stats.startMs.length}, ${meanStart} ms on average)`,
      `Saves sent: ${stats.sent} (${stats.conflicts} conflict(s) retried, ` +
        `${stats.connectionFailures} cut off by the kill)`,
      ...postgresLines,
      `Acknowledged: ${stats.acknowledged}; verified in the database: ${result.verified}`,
      `Revisions in the database: ${result.revisions}`,
      `Elapsed: ${elapsed} s`,
    ].join('\n'),
  );
  if (failures.length > 0) {
    console.error(`\nCRASH TEST FAILED (${failures.length} problem(s)):`);
    for (const failure of failures.slice(0, 50)) console.error(`  - ${failure}`);
    if (failures.length > 50) console.error(`  … and ${failures.length - 50} more`);
    process.exitCode = 1;
  } else {
    console.log(
      `Crash test passed: ${result.checked}, every acknowledged save is in the database.`,
    );
  }
}

main()
  .catch((error) => {
    console.error(`Crash test error: ${error instanceof Error ? error.message : String(error)}`);
    if (serverLog && !String(error?.message).includes(serverLog.slice(-200)))
      console.error(`Server output (last lines):\n${serverLog.slice(-4000)}`);
    const postgresLog = cluster?.logTail();
    if (postgresLog && !String(error?.message).includes('PostgreSQL log'))
      console.error(postgresLog);
    process.exitCode = 1;
  })
  .finally(async () => {
    await killServer().catch(() => {});
    cleanUp();
  });
