// npm run load: readers and editors at once, on the production server over a fixture database.
// Readers (autocannon) request public pages — the home page and its second page, review, genre
// and person pages, searches — while editors, each signed in with an account of their own, save
// through POST /api/reviews/:id/revisions (every save based on the newest version they know;
// two editors share each review, on different sections, so their saves merge) and publish
// through POST /api/reviews/:id/publish, which expires every cached reader page. It reports read
// and write latency (p50, p99) and counts, and fails (exit 1) on any 5xx, any SQLITE_BUSY or
// "database is locked" in a response or the server's log, or any acknowledged save or publish
// missing from the database file afterwards.
//
//   node scripts/mixed-load.mjs [--reviews 100000]  fixture size (cached as by npm run bench)
//                               [--duration 60]      seconds
//                               [--readers 50]       autocannon connections
//                               [--read-rate N]      cap reads at N requests/s in all (default:
//                                                    as fast as the server answers)
//                               [--editors 4]        editors (2 per review; at most 6)
//                               [--publish-every 10] each editor publishes after every N saves
//                               [--skip-build] [--fixtures-cache <dir>] [--fresh-fixtures]
//                               [--port 3130]
//
// Run it alone on the machine (flock /tmp/build.lock npm run load).
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import {
  DEFAULT_FIXTURE_CACHE,
  FIXTURE_EDITORS,
  ROOT,
  checkBuild,
  copyFixture,
  describeMachine,
  ensureFixture,
  fixtureEditor,
  percentile,
  request,
  round,
  scratchDirectory,
  signIn,
  startServer,
  verifySaves,
  withTokenParagraph,
} from './lib/load-support.mjs';

const USAGE =
  'Usage: node scripts/mixed-load.mjs [--reviews 100000] [--duration 60] [--readers 50] ' +
  '[--read-rate N] [--editors 4] [--publish-every 10] [--skip-build] [--fixtures-cache <dir>] ' +
  '[--fresh-fixtures] [--port 3130]';

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
      port: whole('port', 1),
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

/** Reader paths and the reviews the editors work on, picked from the database. */
function pickTargets(databasePath, reviewCount) {
  const db = new Database(databasePath, { readonly: true });
  try {
    const published = db.prepare('select count(*) from published_reviews').pluck().get();
    const sample = (n) =>
      db
        .prepare(
          `select review_id as id, slug from published_reviews order by published_at desc
           limit 1 offset ?`,
        )
        .get(Math.floor(Math.random() * Math.min(published, n)));
    const readerReviews = Array.from({ length: 20 }, (_, i) => sample(i < 10 ? 50 : published));
    // Published reviews with at least two sections, from the newest hundred: editing them changes
    // what readers see on the home page.
    const edited = db
      .prepare(
        `select p.review_id as id, p.slug from published_reviews p
         where (select count(*) from sections s where s.review_id = p.review_id) >= 2
         order by p.published_at desc limit ?`,
      )
      .all(reviewCount);
    const genres = db
      .prepare(
        `select g.slug from genres g join review_genres rg on rg.genre_id = g.id
         group by g.id order by count(*) desc limit 5`,
      )
      .pluck()
      .all();
    const people = db
      .prepare(
        `select p.slug from people p join credits c on c.person_id = p.id
         group by p.id order by count(*) desc limit 5`,
      )
      .pluck()
      .all();
    const paths = [
      '/',
      '/page/2',
      ...readerReviews.map((review) => `/reviews/${review.slug}`),
      ...edited.map((review) => `/reviews/${review.slug}`),
      ...genres.map((slug) => `/genres/${slug}`),
      ...people.map((slug) => `/people/${slug}`),
      '/search?q=harbour',
      '/search?q=winter+garden',
      '/feed.xml',
    ];
    return { paths, edited, published };
  } finally {
    db.close();
  }
}

/**
 * One editor: saves its section of its review again and again, each save based on the newest
 * version it knows (re-read from a 409), and publishes the review after every N saves.
 */
async function editor({ index, cookie, review, until, stats }) {
  const origin = server.origin;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const headers = { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie };
  const revisions = `/api/reviews/${review.id}/revisions`;
  const check = (what, response) => {
    if (response.status >= 500) stats.serverErrors.push(`${what}: HTTP ${response.status}`);
    if (BUSY.test(response.text)) stats.busy.push(`${what}: ${response.text.slice(0, 200)}`);
  };
  try {
    const current = await request(origin, 'GET', revisions, { headers: { Cookie: cookie }, agent });
    check('GET revisions', current);
    if (current.status !== 200) throw new Error(`GET ${revisions} answered ${current.status}`);
    const original = current.json.content;
    const section = original.sections[index % 2];
    let latest = { version: current.json.version, content: original };
    for (let n = 1; Date.now() < until; n++) {
      const token = `load-${review.id}-${index}-${n}`;
      let base = latest;
      for (let attempt = 0; attempt < 20; attempt++) {
        const content = withTokenParagraph(base.content, section, token);
        const started = performance.now();
        const response = await request(origin, 'POST', revisions, {
          headers,
          agent,
          body: JSON.stringify({ baseVersion: base.version, kind: 'autosave', content }),
        }).catch((error) => ({ status: 0, text: error.message, json: null }));
        const ms = performance.now() - started;
        check(`save ${token}`, response);
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
        stats.unexpected.push(
          `save ${token}: HTTP ${response.status} ${response.text.slice(0, 200)}`,
        );
        break;
      }
      if (n % opts.publishEvery === 0 && Date.now() < until) {
        const started = performance.now();
        const response = await request(origin, 'POST', `/api/reviews/${review.id}/publish`, {
          headers: { Origin: origin, Cookie: cookie },
          agent,
        }).catch((error) => ({ status: 0, text: error.message, json: null }));
        check(`publish ${review.id}`, response);
        if (response.status === 200 && response.json?.status === 'published') {
          stats.publishLatencies.push(performance.now() - started);
          stats.publishes.push({ reviewId: review.id, version: response.json.version });
        } else {
          stats.unexpected.push(
            `publish ${review.id}: HTTP ${response.status} ${response.text.slice(0, 200)}`,
          );
        }
      }
    }
  } finally {
    agent.destroy();
  }
}

function readers(paths, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: server.origin,
        connections: opts.readers,
        duration: seconds,
        requests: paths.map((pathname) => ({ method: 'GET', path: pathname })),
        ...(opts.readRate > 0 ? { overallRate: opts.readRate } : {}),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** Checks the database file: integrity, every acknowledged save and publish. */
function verify(databasePath, stats, edited) {
  const failures = [];
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);
    for (const review of edited) {
      const acks = stats.saves.filter((save) => save.reviewId === review.id);
      failures.push(...verifySaves(db, review.id, acks));
      const versions = db
        .prepare('select version from review_revisions where review_id = ? order by version')
        .pluck()
        .all(review.id);
      if (versions.some((version, i) => version !== i + 1))
        failures.push(`review ${review.id}: revision versions have a gap`);
      const publishes = stats.publishes.filter((p) => p.reviewId === review.id);
      for (const publish of publishes) {
        const kind = db
          .prepare('select kind from review_revisions where review_id = ? and version = ?')
          .pluck()
          .get(review.id, publish.version);
        if (kind !== 'publish')
          failures.push(
            `review ${review.id}: acknowledged publish v${publish.version} is ${kind ?? 'missing'}`,
          );
      }
      if (publishes.length > 0) {
        const newest = Math.max(...publishes.map((p) => p.version));
        const live = db
          .prepare(
            `select r.version from published_reviews p join review_revisions r on r.id = p.revision_id
             where p.review_id = ?`,
          )
          .pluck()
          .get(review.id);
        if (live !== newest)
          failures.push(
            `review ${review.id}: readers see v${live}, the last publish was v${newest}`,
          );
      }
    }
    return {
      failures,
      revisions: db.prepare('select count(*) from review_revisions').pluck().get(),
    };
  } finally {
    db.close();
  }
}

async function main() {
  console.log(`Mixed load on ${describeMachine()}`);
  if (!opts.skipBuild) {
    console.log('Building…');
    execFileSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      stdio: 'inherit',
    });
  }
  checkBuild();
  const fixture = ensureFixture({
    reviews: opts.reviews,
    cacheDir: opts.cacheDir,
    fresh: opts.fresh,
    log: (message) => console.log(message),
  });
  const databasePath = copyFixture(fixture.file, dir);
  const reviewsEdited = Math.ceil(opts.editors / 2);
  const { paths, edited, published } = pickTargets(databasePath, reviewsEdited);
  server = await startServer({ databasePath, port: opts.port });
  console.log(
    `Server started in ${(server.startMs / 1000).toFixed(1)} s on ${opts.reviews.toLocaleString('en')} ` +
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
    serverErrors: [],
    busy: [],
    unexpected: [],
  };
  console.log(
    `Running for ${opts.duration} s: ${opts.readers} reader connections over ${paths.length} pages, ` +
      `${opts.editors} editors on ${edited.length} reviews, publishing every ${opts.publishEvery} saves…`,
  );
  const until = Date.now() + opts.duration * 1000;
  const [read] = await Promise.all([
    readers(paths, opts.duration),
    ...cookies.map((cookie, index) =>
      editor({ index, cookie, review: edited[Math.floor(index / 2)], until, stats }),
    ),
  ]);
  const memory = server.peakMemoryMiB();
  await server.stop();
  const log = server.log();
  server = null;

  const busyInLog = log.split('\n').filter((line) => BUSY.test(line));
  const fiveXX = read['5xx'] ?? 0;
  const { failures, revisions } = verify(databasePath, stats, edited);
  const problems = [
    ...(fiveXX > 0 ? [`${fiveXX} reader response(s) were 5xx`] : []),
    ...(read.errors + read.timeouts > 0
      ? [`${read.errors} reader error(s), ${read.timeouts} timeout(s)`]
      : []),
    ...stats.serverErrors.map((p) => `5xx: ${p}`),
    ...stats.busy.map((p) => `busy in a response: ${p}`),
    ...busyInLog.slice(0, 10).map((line) => `busy in the server log: ${line}`),
    ...stats.unexpected.map((p) => `unexpected: ${p}`),
    ...failures,
  ];
  if (stats.saves.length === 0) problems.push('no save was acknowledged');
  if (stats.publishes.length === 0) problems.push('no publish was acknowledged');

  const seconds = opts.duration;
  console.log(`\nMixed load on ${describeMachine()}`);
  console.log(
    `${opts.reviews.toLocaleString('en')} reviews; ${seconds} s; ${opts.readers} reader connections` +
      (opts.readRate > 0 ? ` (at most ${opts.readRate} requests/s)` : '') +
      `; ` +
      `${opts.editors} editors; server peak memory (VmHWM) ${memory ?? 'unknown'} MiB\n`,
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
  console.log(
    `Database afterwards: integrity ok=${!failures.some((f) => f.startsWith('integrity'))}, ` +
      `${stats.saves.length} acknowledged saves and ${stats.publishes.length} publishes checked, ${revisions.toLocaleString('en')} revisions`,
  );
  if (problems.length > 0) {
    console.error(`\nMIXED LOAD FAILED (${problems.length} problem(s)):`);
    for (const problem of problems.slice(0, 40)) console.error(`  - ${problem}`);
    process.exitCode = 1;
  } else {
    console.log(
      '\nMixed load passed: no 5xx, no SQLITE_BUSY, every acknowledged write is in the database.',
    );
  }
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
