// npm run test:crash (node scripts/crash-test.mjs [--cycles N], default 20)
//
// Kills the production server with SIGKILL in the middle of a stream of saves, again and again,
// then checks the database file: it must pass `PRAGMA integrity_check`, and every save the
// server acknowledged (HTTP 200) must be there, at the version it was acknowledged with and
// with the text it carried. A save whose answer never arrived is not checked: the client was
// never told it was saved. It uses the existing production build (`next build`, run by
// test:e2e before it) on a fresh database in a temporary directory, removed afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { request as sendRequest, signIn } from './lib/load-support.mjs';

const PORT = 3110;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const ADMIN_EMAIL = 'crash@test.example';
const ADMIN_PASSWORD = 'pulled plug, kept every word 42';
const IN_FLIGHT = 3;
const KILL_AFTER_MS = [200, 1500];
const START_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const USAGE = 'Usage: node scripts/crash-test.mjs [--cycles N]';

function options() {
  try {
    const { values } = parseArgs({
      options: { cycles: { type: 'string', default: '20' } },
      strict: true,
      allowPositionals: false,
    });
    const cycles = Number(values.cycles);
    if (!Number.isInteger(cycles) || cycles < 1) throw new Error('--cycles must be 1 or more.');
    return { cycles };
  } catch (error) {
    console.error(`Error: ${error.message}\n${USAGE}`);
    process.exit(1);
  }
}

const { cycles } = options();
const ROOT = path.resolve(import.meta.dirname, '..');
process.chdir(ROOT);

if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
  console.error(
    'Error: no production build (.next/BUILD_ID is missing). Run `npx next build` first ' +
      '(npm test builds it in its test:e2e step, before this one).',
  );
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-crash-'));
const databasePath = path.join(dir, 'cms.db');

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
      DATABASE_URL: databasePath,
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

async function killServer() {
  if (!server) return;
  killServerNow();
  await server.exited;
  server.agent.destroy();
  server = null;
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

async function runCycle(cycle, context) {
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
  killed = true;
  await killServer();
  await Promise.all(stream);
  return { killAfter };
}

// ---- The check ----

function verify() {
  const failures = [];
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: false }).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok')
      failures.push(`integrity_check: ${integrity.slice(0, 10).join('; ')}`);

    const review = db.prepare('select id, version from reviews order by id limit 1').get();
    const versions = db
      .prepare('select version from review_revisions where review_id = ? order by version')
      .pluck()
      .all(review.id);
    const gaps = versions.some((version, i) => version !== i + 1);
    if (gaps || versions.at(-1) !== review.version)
      failures.push(
        `revisions are not 1..${review.version} (${versions.length} rows, last ${versions.at(-1)})`,
      );

    const byVersion = db.prepare(
      'select content from review_revisions where review_id = ? and version = ?',
    );
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
      const row = byVersion.get(review.id, ack.version);
      if (!row) {
        failures.push(`acknowledged save ${ack.token} (version ${ack.version}) is missing`);
        continue;
      }
      const value = fieldValue(JSON.parse(row.content), ack.field);
      if (value !== ack.token) {
        failures.push(
          `version ${ack.version} should hold ${ack.token} in ${ack.field}, holds ${JSON.stringify(value)}`,
        );
        continue;
      }
      verified += 1;
    }
    return { failures, verified, revisions: versions.length };
  } finally {
    db.close();
  }
}

// ---- Run ----

function cleanUp() {
  killServerNow();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\nInterrupted (${signal}); the server was stopped.`);
    process.exit(130);
  });
}

async function main() {
  const started = Date.now();
  console.log(`Crash test: ${cycles} cycle(s) of saves cut off by SIGKILL, on ${databasePath}`);
  stats.startMs.push(await startServer());
  const cookie = await signIn(ORIGIN, ADMIN_EMAIL, ADMIN_PASSWORD);
  const reviewId = (() => {
    const db = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('select id from reviews order by id limit 1').pluck().get();
    } finally {
      db.close();
    }
  })();
  if (!reviewId) throw new Error('The server seeded no sample review to edit.');
  const context = { reviewId, cookie, original: undefined };

  for (let cycle = 1; cycle <= cycles; cycle++) {
    if (!server) stats.startMs.push(await startServer());
    const before = stats.acknowledged;
    const { killAfter } = await runCycle(cycle, context);
    console.log(
      `  cycle ${String(cycle).padStart(2)}: killed after ${Math.round(killAfter)} ms, ` +
        `${stats.acknowledged - before} save(s) acknowledged`,
    );
  }

  const result = verify();
  const failures = [
    ...result.failures,
    ...stats.serverErrors.map((problem) => `5xx: ${problem}`),
    ...stats.unexpected.map((problem) => `unexpected answer: ${problem}`),
  ];
  if (stats.acknowledged === 0) failures.push('no save was acknowledged at all');
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);
  const meanStart = Math.round(stats.startMs.reduce((a, b) => a + b, 0) / stats.startMs.length);
  console.log(
    [
      `Cycles: ${cycles} (server starts: ${stats.startMs.length}, ${meanStart} ms on average)`,
      `Saves sent: ${stats.sent} (${stats.conflicts} conflict(s) retried, ` +
        `${stats.connectionFailures} cut off by the kill)`,
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
      'Crash test passed: integrity_check ok, every acknowledged save is in the database.',
    );
  }
}

main()
  .catch((error) => {
    console.error(`Crash test error: ${error instanceof Error ? error.message : String(error)}`);
    if (serverLog && !String(error?.message).includes(serverLog.slice(-200)))
      console.error(`Server output (last lines):\n${serverLog.slice(-4000)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await killServer().catch(() => {});
    cleanUp();
  });
