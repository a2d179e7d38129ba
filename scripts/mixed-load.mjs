// npm run load: readers and editors at once, on the production server over a fixture database.
// Readers (autocannon) request public pages — the home page and its second page, review, genre
// and person pages, searches — while editors, each signed in with an account of their own, save
// through POST /api/reviews/:id/revisions (every save based on the newest version they know;
// two editors share each review, on different sections, so their saves merge) and publish
// through POST /api/reviews/:id/publish, which expires every cached reader page. It reports read
// and write latency (p50, p99) and counts, and fails (exit 1) on any 5xx, any SQLITE_BUSY or
// "database is locked" in a response or the server's log, or any acknowledged save or publish
// missing from the database afterwards.
//
// With --instances N (2 or more) the same load goes through nginx (deploy/nginx.conf.template)
// to N instances on a PostgreSQL copy of the fixture, sharing a Redis cache (scripts/lib/
// load-cluster.mjs); halfway through, the last instance is killed with SIGKILL and started
// again. Requests in flight at that moment may fail (they are counted and listed); any other
// 5xx fails the run, and so does any acknowledged save or publish missing afterwards.
//
//   node scripts/mixed-load.mjs [--reviews 100000]  fixture size (cached as by npm run bench)
//                               [--duration 60]      seconds
//                               [--readers 50]       autocannon connections
//                               [--read-rate N]      cap reads at N requests/s in all (default:
//                                                    as fast as the server answers)
//                               [--editors 4]        editors (2 per review; at most 6)
//                               [--publish-every 10] each editor publishes after every N saves
//                               [--skip-build] [--fixtures-cache <dir>] [--fresh-fixtures]
//                               [--port 3130]        (with --instances: nginx's; the
//                                                    instances take the ports after it)
//                               [--instances 1]      1: one server on SQLite; 2–4: see above
//
// Run it alone on the machine (flock /tmp/build.lock npm run load).
import http from 'node:http';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  DEFAULT_FIXTURE_CACHE,
  FIXTURE_EDITORS,
  ROOT,
  buildUnlessSkipped,
  copyFixture,
  describeMachine,
  ensureFixture,
  fixtureEditor,
  percentile,
  request,
  round,
  scratchDirectory,
  signIn,
  sleep,
  startServer,
  withTokenParagraph,
} from './lib/load-support.mjs';
import { startLoadCluster } from './lib/load-cluster.mjs';
import { pickTargets, verifyLoad } from './lib/load-database.mjs';

const USAGE =
  'Usage: node scripts/mixed-load.mjs [--reviews 100000] [--duration 60] [--readers 50] ' +
  '[--read-rate N] [--editors 4] [--publish-every 10] [--skip-build] [--fixtures-cache <dir>] ' +
  '[--fresh-fixtures] [--port 3130] [--instances 1]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        reviews: { type: 'string', default: '100000' },
        duration: { type: 'string', default: '60' },
        readers: { type: 'string', default: '50' },
        'read-rate': { type: 'string', default: '0' },
        editors: { type: 'string', default: '4' },
        'publish-every': { type: 'string', default: '10' },
        'skip-build': { type: 'boolean', default: false },
        'fixtures-cache': { type: 'string', default: DEFAULT_FIXTURE_CACHE },
        'fresh-fixtures': { type: 'boolean', default: false },
        port: { type: 'string', default: '3130' },
        instances: { type: 'string', default: '1' },
      },
      strict: true,
      allowPositionals: false,
    });
    const whole = (name, min, max = Infinity) => {
      const n = Number(String(values[name]).replaceAll('_', ''));
      if (!Number.isInteger(n) || n < min || n > max)
        throw new Error(
          `--${name} takes a whole number from ${min}${max < Infinity ? ` to ${max}` : ''}.`,
        );
      return n;
    };
    return {
      reviews: whole('reviews', 10),
      duration: whole('duration', 1),
      readers: whole('readers', 1),
      readRate: whole('read-rate', 0),
      editors: whole('editors', 1, FIXTURE_EDITORS),
      publishEvery: whole('publish-every', 1),
      skipBuild: values['skip-build'],
      cacheDir: values['fixtures-cache'],
      fresh: values['fresh-fixtures'],
      port: whole('port', 1, 65_000),
      instances: whole('instances', 1, 4),
    };
  } catch (error) {
    console.error(`Error: ${error.message}\n${USAGE}`);
    process.exit(1);
  }
}

const opts = options();
process.chdir(ROOT);
let server = null;
const dir = scratchDirectory('review-cms-load-', () => server);

const BUSY = /SQLITE_BUSY|database is locked/i;

/**
 * Splits the requests that failed (a 5xx, or a connection cut off) into those in flight when an
 * instance was killed — sent before the instance was gone (its exit seen here, by when the
 * kernel has closed its connections) and answered after the kill: they may fail — and the rest,
 * which fail the run. Each is listed with when it was sent, relative to the kill.
 */
function sortFailures(stats) {
  const cutOff = [];
  const other = [];
  for (const { line, startedAt, endedAt } of stats.failed) {
    const killed = stats.killedAt !== null && stats.goneAt !== null;
    const text = killed ? `${line}, sent ${startedAt - stats.killedAt} ms after the kill` : line;
    if (killed && startedAt <= stats.goneAt && endedAt >= stats.killedAt) cutOff.push(text);
    else other.push(text);
  }
  return { cutOff, other };
}

/** A request of an editor, timed; a 5xx or a cut-off connection is counted where it belongs. */
async function editorRequest(stats, what, send) {
  const startedAt = Date.now();
  const started = performance.now();
  const response = await send().catch((error) => ({ status: 0, text: error.message, json: null }));
  const ms = performance.now() - started;
  if (response.status >= 500 || response.status === 0) {
    const line = `${what}: ${response.status === 0 ? response.text : `HTTP ${response.status}`}`;
    stats.failed.push({ line, startedAt, endedAt: Date.now() });
    response.failed = true;
  }
  if (BUSY.test(response.text)) stats.busy.push(`${what}: ${response.text.slice(0, 200)}`);
  return { response, ms };
}

/**
 * One editor: saves its section of its review again and again, each save based on the newest
 * version it knows (re-read from a 409, or after a request an instance's death cut off), and
 * publishes the review after every N saves.
 */
async function editor({ index, cookie, review, until, stats }) {
  const origin = server.origin;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const headers = { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie };
  const revisions = `/api/reviews/${review.id}/revisions`;
  const newest = async () => {
    const { response } = await editorRequest(stats, 'GET revisions', () =>
      request(origin, 'GET', revisions, { headers: { Cookie: cookie }, agent }),
    );
    if (response.status !== 200) throw new Error(`GET ${revisions} answered ${response.status}`);
    return { version: response.json.version, content: response.json.content };
  };
  try {
    let latest = await newest();
    const section = latest.content.sections[index % 2];
    for (let n = 1; Date.now() < until; n++) {
      const token = `load-${review.id}-${index}-${n}`;
      let base = latest;
      for (let attempt = 0; attempt < 20; attempt++) {
        const content = withTokenParagraph(base.content, section, token);
        const { response, ms } = await editorRequest(stats, `save ${token}`, () =>
          request(origin, 'POST', revisions, {
            headers,
            agent,
            body: JSON.stringify({ baseVersion: base.version, kind: 'autosave', content }),
          }),
        );
        if (response.status === 200 && response.json?.status === 'saved') {
          stats.saveLatencies.push(ms);
          stats.saves.push({
            reviewId: review.id,
            version: response.json.version,
            token,
            sectionId: section.id,
          });
          if (response.json.merged) stats.merged++;
          if (response.json.version > latest.version)
            latest = { version: response.json.version, content: response.json.content };
          break;
        }
        if (response.status === 409 && response.json?.status === 'conflict') {
          stats.conflicts++;
          base = { version: response.json.version, content: response.json.theirs };
          continue;
        }
        // Not acknowledged, so not checked: it may or may not have committed. Go on from what
        // the database holds now.
        if (response.failed) latest = await newest();
        else
          stats.unexpected.push(
            `save ${token}: HTTP ${response.status} ${response.text.slice(0, 200)}`,
          );
        break;
      }
      if (n % opts.publishEvery === 0 && Date.now() < until) {
        const { response, ms } = await editorRequest(stats, `publish ${review.id}`, () =>
          request(origin, 'POST', `/api/reviews/${review.id}/publish`, {
            headers: { Origin: origin, Cookie: cookie },
            agent,
          }),
        );
        if (response.status === 200 && response.json?.status === 'published') {
          stats.publishLatencies.push(ms);
          stats.publishes.push({ reviewId: review.id, version: response.json.version });
        } else if (response.failed) latest = await newest();
        else
          stats.unexpected.push(
            `publish ${review.id}: HTTP ${response.status} ${response.text.slice(0, 200)}`,
          );
      }
    }
  } finally {
    agent.destroy();
  }
}

/**
 * The readers: autocannon over the public pages. Every 5xx is sorted as editorRequest sorts
 * them (autocannon reports each response with its time).
 */
function readers(paths, seconds, stats) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.origin,
        connections: opts.readers,
        duration: seconds,
        requests: paths.map((pathname) => ({ method: 'GET', path: pathname })),
        ...(opts.readRate > 0 ? { overallRate: opts.readRate } : {}),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (client, statusCode, bytes, responseTime) => {
      if (statusCode < 500) return;
      const endedAt = Date.now();
      stats.failed.push({
        line: `reader: HTTP ${statusCode}`,
        startedAt: endedAt - responseTime,
        endedAt,
      });
    });
  });
}

/**
 * With several instances: halfway through, the last one is killed with SIGKILL, as a crash
 * would, and started again at once (it answers /api/health some seconds later).
 */
async function killAndRestart(stats, seconds) {
  await sleep((seconds * 1000) / 2);
  const index = server.cluster.instances.length - 1;
  stats.killedAt = Date.now();
  await server.cluster.kill(index);
  stats.goneAt = Date.now();
  const restarting = performance.now();
  await server.cluster.restart(index);
  stats.restartMs = performance.now() - restarting;
  stats.killed = server.cluster.instances[index].name;
}

/** The server (or, with --instances N, nginx over N instances) on a copy of the fixture. */
async function startTarget(fixture) {
  if (opts.instances === 1) {
    const databasePath = copyFixture(fixture.file, dir);
    const targets = await pickTargets(databasePath, Math.ceil(opts.editors / 2));
    server = await startServer({ databasePath, port: opts.port });
    server.database = databasePath;
    return { ...targets, what: 'Server (SQLite)' };
  }
  const started = performance.now();
  server = await startLoadCluster({
    fixtureFile: fixture.file,
    key: String(opts.reviews),
    instances: opts.instances,
    port: opts.port,
    dir,
    log: (message) => console.log(message),
  });
  server.database = server.databaseUrl;
  server.startMs = performance.now() - started;
  const targets = await pickTargets(server.databaseUrl, Math.ceil(opts.editors / 2));
  return {
    ...targets,
    what: `nginx and ${opts.instances} instances (PostgreSQL, ${server.redisDatabase === null ? 'no Redis' : `Redis database ${server.redisDatabase}`})`,
  };
}

async function main() {
  console.log(`Mixed load on ${describeMachine()}`);
  buildUnlessSkipped(opts.skipBuild);
  const fixture = ensureFixture({
    reviews: opts.reviews,
    cacheDir: opts.cacheDir,
    fresh: opts.fresh,
    log: (message) => console.log(message),
  });
  const { paths, edited, published, what } = await startTarget(fixture);
  console.log(
    `${what} started in ${(server.startMs / 1000).toFixed(1)} s on ${opts.reviews.toLocaleString('en')} ` +
      `reviews (${published.toLocaleString('en')} published)`,
  );
  const cookies = [];
  for (let i = 1; i <= opts.editors; i++)
    cookies.push(await signIn(server.origin, fixtureEditor(i)));
  // Fill the reader cache first, as a server that has been up a while would have it.
  for (const pathname of paths) await request(server.origin, 'GET', pathname);

  const stats = {
    saves: [],
    publishes: [],
    saveLatencies: [],
    publishLatencies: [],
    conflicts: 0,
    merged: 0,
    failed: [],
    busy: [],
    unexpected: [],
    killedAt: null,
    goneAt: null,
    killed: null,
    restartMs: null,
  };
  const kills = opts.instances > 1;
  console.log(
    `Running for ${opts.duration} s: ${opts.readers} reader connections over ${paths.length} pages, ` +
      `${opts.editors} editors on ${edited.length} reviews, publishing every ${opts.publishEvery} saves` +
      (kills
        ? `; the last instance is killed (SIGKILL) at ${opts.duration / 2} s and restarted`
        : '') +
      '…',
  );
  const until = Date.now() + opts.duration * 1000;
  const [read] = await Promise.all([
    readers(paths, opts.duration, stats),
    ...cookies.map((cookie, index) =>
      editor({ index, cookie, review: edited[Math.floor(index / 2)], until, stats }),
    ),
    ...(kills ? [killAndRestart(stats, opts.duration)] : []),
  ]);
  const memory = server.peakMemoryMiB();
  const accessLog = server.accessLog?.() ?? null;
  const nginxErrors = server.errorLog?.() ?? '';
  await server.stop();
  const log = server.log();
  const target = server;
  server = null;

  const busyInLog = log.split('\n').filter((line) => BUSY.test(line));
  const fiveXX = read['5xx'] ?? 0;
  let verified;
  try {
    verified = await verifyLoad(target.database, stats, edited);
  } finally {
    await target.cleanup?.();
  }
  const { failures, revisions } = verified;
  const { cutOff, other } = sortFailures(stats);
  const problems = [
    ...other.slice(0, 20).map((p) => `5xx: ${p}`),
    ...(read.errors + read.timeouts > 0
      ? [`${read.errors} reader error(s), ${read.timeouts} timeout(s)`]
      : []),
    ...stats.busy.map((p) => `busy in a response: ${p}`),
    ...busyInLog.slice(0, 10).map((line) => `busy in the server log: ${line}`),
    ...stats.unexpected.map((p) => `unexpected: ${p}`),
    ...failures,
  ];
  if (stats.saves.length === 0) problems.push('no save was acknowledged');
  if (stats.publishes.length === 0) problems.push('no publish was acknowledged');
  if (kills && stats.restartMs === null) problems.push('the killed instance did not start again');

  const seconds = opts.duration;
  const memoryText = Array.isArray(memory)
    ? memory.map((each) => each ?? '?').join(' and ')
    : (memory ?? 'unknown');
  console.log(`\nMixed load on ${describeMachine()}`);
  console.log(
    `${opts.reviews.toLocaleString('en')} reviews; ${what}; ${seconds} s; ${opts.readers} reader connections` +
      (opts.readRate > 0 ? ` (at most ${opts.readRate} requests/s)` : '') +
      `; ` +
      `${opts.editors} editors; server peak memory (VmHWM) ${memoryText} MiB\n`,
  );
  console.log('| traffic | count | per second | p50 ms | p99 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| reads (${paths.length} public pages) | ${read.requests.total} | ${Math.round(read.requests.average)} | ${read.latency.p50} | ${read.latency.p99} |`,
  );
  console.log(
    `| saves acknowledged (${stats.merged} merged, ${stats.conflicts} conflicts retried) | ${stats.saves.length} | ${round(stats.saves.length / seconds)} | ${round(percentile(stats.saveLatencies, 50))} | ${round(percentile(stats.saveLatencies, 99))} |`,
  );
  console.log(
    `| publishes | ${stats.publishes.length} | ${round(stats.publishes.length / seconds)} | ${round(percentile(stats.publishLatencies, 50))} | ${round(percentile(stats.publishLatencies, 99))} |`,
  );
  const writes = [...stats.saveLatencies, ...stats.publishLatencies];
  console.log(
    `\nWrite p99 (saves and publishes): ${round(percentile(writes, 99))} ms; read p99: ${read.latency.p99} ms`,
  );
  console.log(
    `Reader responses: ${read['2xx']} 2xx, ${read['3xx'] ?? 0} 3xx, ${read['4xx'] ?? 0} 4xx, ${fiveXX} 5xx; ` +
      `SQLITE_BUSY / "database is locked": ${stats.busy.length + busyInLog.length}`,
  );
  if (kills) {
    const nginx5xx = accessLog === null ? null : countNginx5xx(accessLog);
    console.log(
      `Killed ${stats.killed} with SIGKILL at ${seconds / 2} s; it answered again ${round(stats.restartMs / 1000)} s later. ` +
        `Requests cut off (in flight at the kill, then 5xx or reset): ${cutOff.length}` +
        (cutOff.length > 0 ? ` (${summarise(cutOff)})` : '') +
        `; other 5xx: ${other.length}` +
        (nginx5xx === null ? '' : `; nginx logged ${nginx5xx} 5xx answer(s)`),
    );
    for (const line of cutOff.slice(0, 10)) console.log(`  cut off: ${line}`);
  }
  console.log(
    `Database afterwards: integrity ok=${!failures.some((f) => /^(?:integrity|reading)/.test(f))}, ` +
      `${stats.saves.length} acknowledged saves and ${stats.publishes.length} publishes checked, ${revisions.toLocaleString('en')} revisions`,
  );
  if (problems.length > 0) {
    console.error(`\nMIXED LOAD FAILED (${problems.length} problem(s)):`);
    for (const problem of problems.slice(0, 40)) console.error(`  - ${problem}`);
    if (nginxErrors) console.error(`nginx's error log (last lines):\n${nginxErrors.slice(-3000)}`);
    process.exitCode = 1;
  } else {
    console.log(
      kills
        ? '\nMixed load passed: no 5xx but the requests in flight at the kill, every acknowledged write is in the database.'
        : '\nMixed load passed: no 5xx, no SQLITE_BUSY, every acknowledged write is in the database.',
    );
  }
}

/** How many answers in nginx's access log (deploy/nginx.conf.template's format) were 5xx. */
function countNginx5xx(accessLog) {
  return accessLog.split('\n').filter((line) => /" 5\d\d /.test(line)).length;
}

/** "reader: HTTP 502 ×3, save …: socket hang up" from a list of lines. */
function summarise(lines) {
  const counts = new Map();
  for (const line of lines) {
    const kind = line
      .replace(/, sent -?\d+ ms after the kill$/, '')
      .replace(/-\d+-\d+-\d+/, '')
      .replace(/ \d+:/, ':');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(', ');
}

main()
  .catch((error) => {
    console.error(`Mixed load error: ${error instanceof Error ? error.message : String(error)}`);
    if (server) console.error(`Server output (last lines):\n${server.log().slice(-3000)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    // The scratch directory goes when the process exits.
    await server?.stop().catch(() => {});
  });
