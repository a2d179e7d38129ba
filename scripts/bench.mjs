// npm run bench: builds the app, then for each catalogue size starts the production server on a
// copy of a fixture database of that size and measures, with autocannon: the home page, a review
// page, a genre page, a person page, a search, the admin dashboard (signed in over HTTP) and a
// save through the real HTTP path (POST /api/reviews/:id/revisions from several concurrent
// clients, each based on the newest version, re-reading it on a 409). It reports requests per
// second, p50 and p99 latency and the server's peak memory (VmHWM), each figure's ratio to the
// /about ceiling (Next's own prerendered page on the same server) and, with two sizes, the ratio
// of each figure at the largest size to the one at the smallest.
//
// --engine postgres runs the same on PostgreSQL (TEST_POSTGRES_URL's server, by default
// postgres://postgres@127.0.0.1:5432/postgres): each fixture is copied into a database there
// once with scripts/db-copy.ts (cms_bench_<reviews>_<hash>, kept: at 100,000 reviews the copy
// takes minutes), and each run works on a throwaway clone of it (CREATE DATABASE … TEMPLATE),
// dropped afterwards however the run ends. --engine both measures each size on SQLite, then on
// PostgreSQL, in the same run, and adds a table of PostgreSQL's figures to SQLite's: the cached
// reader pages, and what is not cached (the signed-in admin dashboard, the saves).
//
// Reader pages are measured in --rounds rounds (each page once per round, in turn) and reported
// as medians; each page's HTML size (plain and gzip) and the gzipped JS it loads are listed too.
// --compare adds any other URL (a peer CMS serving the same article, say) to the same rounds
// and tables, so both are measured on the same machine at the same time.
//
//   node scripts/bench.mjs [--reviews 1000,100000]  catalogue sizes (default both)
//                          [--duration 10]           seconds per measurement
//                          [--rounds 3]              rounds of reader-page measurements
//                          [--engine sqlite]         sqlite, postgres, or both (each size on
//                                                    SQLite, then PostgreSQL, compared)
//                          [--compare <url>]         another page to measure alike (repeatable)
//                          [--connections 50]        autocannon connections for pages
//                          [--save-clients 4]        concurrent savers
//                          [--skip-build]            use the existing .next build
//                          [--fixtures-cache <dir>]  where fixtures are kept (default: a
//                                                    review-cms-fixtures folder in the temp dir)
//                          [--fresh-fixtures]        regenerate them even when cached
//                          [--database <file>]       one given database instead of fixtures (the
//                                                    admin dashboard and saves need the fixtures'
//                                                    staff accounts; skipped without them)
//                          [--json <file>]           also write the results as JSON
//                          [--port 3120]
//                          [--help]
//
// Run it alone on the machine (flock /tmp/build.lock npm run bench): anything else using the
// CPU changes the figures.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import {
  buildUnlessSkipped,
  clonePostgresDatabase,
  copyFixture,
  DEFAULT_FIXTURE_CACHE,
  describeMachine,
  ensureFixture,
  ensurePostgresFixture,
  FIXTURE_ADMIN,
  postgresLabel,
  postgresServerVersion,
  reportFailure,
  ROOT,
  round,
  scratchDirectory,
  signIn,
  startServer,
  verifySaves,
  verifySavesPostgres,
} from './lib/load-support.mjs';
import { PAGE_LOAD_TOOL, pageMeasurer } from './lib/bench-measure.mjs';
import { pickBenchTargets } from './lib/load-database.mjs';
import { pageWeight } from './lib/page-weight.mjs';

const USAGE =
  'Usage: node scripts/bench.mjs [--reviews 1000,100000] [--engine sqlite|postgres|both] ' +
  '[--duration 10] [--connections 50] [--rounds 3] [--compare <url>]… [--save-clients 4] ' +
  '[--skip-build] [--fixtures-cache <dir>] [--fresh-fixtures] [--database <file>] ' +
  '[--json <file>] [--port 3120] [--help]\n' +
  '  --engine postgres uses TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)';

const ENGINES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function options() {
  try {
    const { values } = parseArgs({
      options: {
        reviews: { type: 'string', default: '1000,100000' },
        duration: { type: 'string', default: '10' },
        rounds: { type: 'string', default: '3' },
        engine: { type: 'string', default: 'sqlite' },
        compare: { type: 'string', multiple: true, default: [] },
        connections: { type: 'string', default: '50' },
        'save-clients': { type: 'string', default: '4' },
        'skip-build': { type: 'boolean', default: false },
        'fixtures-cache': { type: 'string', default: DEFAULT_FIXTURE_CACHE },
        'fresh-fixtures': { type: 'boolean', default: false },
        database: { type: 'string' },
        json: { type: 'string' },
        port: { type: 'string', default: '3120' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const whole = (name, min) => {
      const n = Number(values[name]);
      if (!Number.isInteger(n) || n < min)
        throw new Error(`--${name} takes a whole number ≥ ${min}.`);
      return n;
    };
    const sizes = values.reviews.split(',').map((part) => Number(part.replaceAll('_', '')));
    if (sizes.some((n) => !Number.isInteger(n) || n < 1))
      throw new Error('--reviews takes whole numbers separated by commas, such as 1000,100000.');
    for (const url of values.compare)
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
        throw new Error(`--compare takes an http(s) URL; "${url}" is not one.`);
    const engine = values.engine.trim().toLowerCase();
    if (!['sqlite', 'postgres', 'both'].includes(engine))
      throw new Error(`--engine takes sqlite, postgres or both; "${values.engine}" is not one.`);
    if (values.database && !fs.existsSync(values.database))
      throw new Error(`No database at ${values.database}.`);
    return {
      sizes: values.database ? [null] : sizes,
      duration: whole('duration', 1),
      rounds: whole('rounds', 1),
      engines: engine === 'both' ? ['sqlite', 'postgres'] : [engine],
      compare: values.compare,
      connections: whole('connections', 1),
      saveClients: whole('save-clients', 1),
      port: whole('port', 1),
      skipBuild: values['skip-build'],
      cacheDir: values['fixtures-cache'],
      fresh: values['fresh-fixtures'],
      database: values.database,
      json: values.json,
    };
  } catch (error) {
    console.error(`Error: ${error.message}\n${USAGE}`);
    process.exit(1);
  }
}

const opts = options();
process.chdir(ROOT);
let server = null;
const dir = scratchDirectory('review-cms-bench-', () => server);

const measure = pageMeasurer({
  connections: opts.connections,
  duration: opts.duration,
  rounds: opts.rounds,
  saveClients: opts.saveClients,
});

/**
 * The fixture for a size (generated or reused), a copy of it to pick the targets from (the
 * same for both engines: the PostgreSQL copy holds the same rows) and, on SQLite, to serve.
 */
async function benchSize(size) {
  const label =
    size === null ? path.basename(opts.database) : `${size.toLocaleString('en')} reviews`;
  let fixture = null;
  let source = opts.database;
  if (size !== null) {
    fixture = ensureFixture({
      reviews: size,
      cacheDir: opts.cacheDir,
      fresh: opts.fresh,
      log: (message) => console.log(message),
    });
    source = fixture.file;
  }
  const copyDir = fs.mkdtempSync(path.join(dir, 'size-'));
  try {
    const databasePath = copyFixture(source, copyDir);
    const targets = await pickBenchTargets(databasePath, opts.saveClients);
    const runs = [];
    for (const engine of opts.engines) {
      console.log(`\n== ${label} on ${ENGINES[engine]} ==`);
      const base = {
        size,
        label,
        engine,
        published: targets.published,
        fileMiB: round(fs.statSync(source).size / 1024 / 1024, 0),
        generatedSeconds: fixture?.generatedSeconds ?? null,
      };
      runs.push(
        engine === 'sqlite'
          ? { ...base, ...(await onSqlite(databasePath, targets)) }
          : { ...base, ...(await onPostgres(source, size, targets, copyDir)) },
      );
    }
    return runs;
  } finally {
    fs.rmSync(copyDir, { recursive: true, force: true });
  }
}

/** The server on the SQLite copy; the saves are looked up in the file afterwards. */
async function onSqlite(databasePath, targets) {
  return measureServer({ database: databasePath }, targets, (saved, acks) => {
    const db = new Database(databasePath, { readonly: true });
    try {
      return verifySaves(db, saved, acks);
    } finally {
      db.close();
    }
  });
}

/**
 * The server on a throwaway clone of the fixture's cached PostgreSQL copy (made first if there
 * is none); the saves are looked up in the clone afterwards, and the clone is dropped.
 */
async function onPostgres(source, size, targets, copyDir) {
  // A --database file has no size: its key is its path.
  const key =
    size ??
    `file_${crypto.createHash('sha256').update(path.resolve(source)).digest('hex').slice(0, 8)}`;
  const cached = await ensurePostgresFixture({
    fixtureFile: source,
    key,
    log: (message) => console.log(message),
  });
  const clone = await clonePostgresDatabase(cached.name);
  console.log(`Running on the clone ${postgresLabel(clone.url)}`);
  try {
    const dataDir = fs.mkdtempSync(path.join(copyDir, 'postgres-data-'));
    const measured = await measureServer({ database: clone.url, dataDir }, targets, (saved, acks) =>
      verifySavesPostgres(clone.url, saved, acks),
    );
    return {
      databaseMiB: round(clone.bytes / 1024 / 1024, 0),
      copiedSeconds: cached.filledSeconds,
      ...measured,
    };
  } finally {
    await server?.stop();
    server = null;
    await clone.drop();
  }
}

/**
 * Starts the server on `database` and measures it: the reader pages (cached), the admin
 * dashboard and the saves (not cached); `verify(reviewId, acknowledged)` looks the acknowledged
 * saves up in the database once the server has stopped and returns what is missing.
 */
async function measureServer(database, targets, verify) {
  server = await startServer({ ...database, port: opts.port });
  console.log(`Server started in ${(server.startMs / 1000).toFixed(1)} s`);
  const results = [];
  try {
    // Fixtures have staff accounts with a known password; another database may not.
    const cookie = await signIn(server.origin, FIXTURE_ADMIN).catch((error) => {
      console.log(`  (not signed in: ${error.message}; skipping the admin dashboard and saves)`);
      return null;
    });
    const own = (name, pathname, kind, headers = {}) => ({
      name,
      kind,
      url: `${server.origin}${pathname}`,
      headers: { 'accept-encoding': 'gzip', ...headers },
    });
    const readerPages = [
      own('ceiling: /about (prerendered)', '/about', 'ceiling'),
      own('home /', '/', 'cached'),
      own('review page', `/reviews/${targets.review.slug}`, 'cached'),
      own('genre page (largest)', `/genres/${targets.genre}`, 'cached'),
      own('person page (most credited)', `/people/${targets.person}`, 'cached'),
      own('search', '/search?q=harbour', 'cached'),
      ...opts.compare.map((url) => ({
        name: `compare: ${url}`,
        kind: 'compare',
        url,
        headers: { 'accept-encoding': 'gzip' },
      })),
    ];
    results.push(...(await measure.pages(readerPages, server.origin)));
    if (cookie)
      results.push(
        ...(await measure.pages(
          [own('admin dashboard (signed in)', '/admin', 'uncached', { Cookie: cookie })],
          server.origin,
        )),
      );
    const sizes = [];
    for (const page of readerPages)
      sizes.push({ name: page.name, ...(await pageWeight(page.url)) });
    const saves = cookie ? await measure.saves(server.origin, cookie, targets.saved) : null;
    if (saves) console.log(`  measured ${saves.name}`);
    const memory = server.peakMemoryMiB();
    await server.stop();
    server = null;
    if (saves) {
      // Every acknowledged save must be in the database.
      const failures = await verify(targets.saved, saves.acknowledged);
      saves.errors += failures.length;
      saves.problems.push(...failures);
      results.push(saves);
    }
    return { memoryMiB: memory, results, sizes };
  } finally {
    await server?.stop();
    server = null;
  }
}

const runName = (run) => `${run.label} on ${ENGINES[run.engine]}`;

function printSize(run) {
  const ceiling = run.results[0].rps;
  const seconds = (s) => `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const made = [
    run.generatedSeconds ? `generated in ${seconds(run.generatedSeconds)}` : null,
    run.copiedSeconds ? `copied into PostgreSQL in ${seconds(run.copiedSeconds)}` : null,
  ].filter(Boolean);
  console.log(
    `\n${runName(run)} (${run.published.toLocaleString('en')} published, file ${run.fileMiB} MiB` +
      (run.engine === 'postgres' ? `, PostgreSQL database ${run.databaseMiB} MiB` : '') +
      (made.length ? `, ${made.join(', ')}` : '') +
      `), server peak memory (VmHWM) ${run.memoryMiB ?? 'unknown'} MiB` +
      (run.engine === 'postgres' ? ' (the app; PostgreSQL itself not counted)' : '') +
      '\n',
  );
  console.log('| page | req/s | p50 ms | p99 ms | ratio to ceiling | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of run.results) {
    const extra = r.saves ? ` (${r.saves.acknowledged} saved, ${r.saves.conflicts} conflicts)` : '';
    console.log(
      `| ${r.name}${extra} | ${r.rps} | ${r.p50} | ${r.p99} | ${(r.rps / ceiling).toFixed(2)} | ${r.errors} |`,
    );
  }
}

function printSizes(run, earlier) {
  // The pages are the same on either engine: their weight is listed once per size, unless it
  // differs.
  const same =
    earlier &&
    earlier.sizes.length === run.sizes.length &&
    earlier.sizes.every(
      (s, i) =>
        s.htmlBytes === run.sizes[i].htmlBytes && s.jsGzipBytes === run.sizes[i].jsGzipBytes,
    );
  if (same) {
    console.log(
      `\nPage weight on ${ENGINES[run.engine]}: the same HTML and JS as on ${ENGINES[earlier.engine]}.`,
    );
    return;
  }
  console.log(
    `\nPage weight at ${runName(run)}: the HTML as sent, and the JS a modern browser loads for ` +
      'it (plus the noModule polyfills only older browsers load)\n',
  );
  console.log('| page | HTML KB | HTML gzip KB | JS files | JS gzip KiB | + noModule KiB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const kib = (bytes) => (bytes / 1024).toFixed(1);
  for (const s of run.sizes)
    console.log(
      `| ${s.name} | ${(s.htmlBytes / 1000).toFixed(1)} | ${(s.htmlGzipBytes / 1000).toFixed(1)} | ${s.scripts} | ${kib(s.jsGzipBytes)} | ${kib(s.noModuleGzipBytes)} |`,
    );
}

const ratio = (a, b) => (a && b ? (b / a).toFixed(2) : 'n/a');

function printRatios(small, large) {
  console.log(
    `\nRatio of each figure at ${large.label} to the one at ${small.label} on ` +
      `${ENGINES[small.engine]} (1.00 = unchanged; req/s below 1 and latency above 1 are slower)\n`,
  );
  console.log('| page | req/s | p50 | p99 |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const a of small.results) {
    const b = large.results.find((r) => r.name === a.name);
    if (b)
      console.log(
        `| ${a.name} | ${ratio(a.rps, b.rps)} | ${ratio(a.p50, b.p50)} | ${ratio(a.p99, b.p99)} |`,
      );
  }
  console.log(`| server peak memory | | | ${ratio(small.memoryMiB, large.memoryMiB)} |`);
}

/** The reader pages PostgreSQL must serve within 0.9× of SQLite: the cached ones. */
const TARGET_RATIO = 0.9;

/** PostgreSQL against SQLite at one size: every figure, and the reader pages against the target. */
function printEngines(sqlite, postgres) {
  console.log(
    `\nPostgreSQL against SQLite at ${sqlite.label} (ratio = PostgreSQL req/s ÷ SQLite req/s; ` +
      'below 1 is slower on PostgreSQL). Reader pages are cached (rendered once, until a ' +
      'publish); the admin dashboard and saves query the database on every request.\n',
  );
  console.log(
    '| page | cached | SQLite req/s | PostgreSQL req/s | ratio | SQLite p50 / p99 ms | PostgreSQL p50 / p99 ms |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  const cachedText = { ceiling: 'prerendered', cached: 'yes', uncached: 'no', compare: '' };
  const readerRatios = [];
  for (const a of sqlite.results) {
    const b = postgres.results.find((r) => r.name === a.name);
    if (!b) continue;
    if (a.kind === 'cached') readerRatios.push({ name: a.name, ratio: b.rps / a.rps });
    console.log(
      `| ${a.name} | ${cachedText[a.kind] ?? ''} | ${a.rps} | ${b.rps} | ${ratio(a.rps, b.rps)} | ` +
        `${a.p50} / ${a.p99} | ${b.p50} / ${b.p99} |`,
    );
  }
  console.log(
    `| server peak memory (MiB) | | ${sqlite.memoryMiB ?? '?'} | ${postgres.memoryMiB ?? '?'} | ` +
      `${ratio(sqlite.memoryMiB, postgres.memoryMiB)} | | |`,
  );
  if (readerRatios.length > 0) {
    const below = readerRatios.filter((r) => r.ratio < TARGET_RATIO);
    const low = Math.min(...readerRatios.map((r) => r.ratio)).toFixed(2);
    const high = Math.max(...readerRatios.map((r) => r.ratio)).toFixed(2);
    console.log(
      `\nCached reader pages on PostgreSQL at ${low === high ? low : `${low}–${high}`} of SQLite ` +
        `(target ≥ ${TARGET_RATIO.toFixed(2)}): ` +
        (below.length === 0
          ? 'all within it.'
          : `below it: ${below.map((r) => `${r.name} ${r.ratio.toFixed(2)}`).join(', ')}.`),
    );
  }
}

try {
  console.log(`Benchmark on ${describeMachine()}`);
  console.log(
    `${PAGE_LOAD_TOOL}, ${opts.connections} connections, ${opts.duration} s per page; saves from ${opts.saveClients} clients`,
  );
  if (opts.engines.includes('postgres'))
    // Before anything takes minutes: the server must answer.
    console.log(`PostgreSQL ${await postgresServerVersion()} at ${postgresLabel()}`);
  buildUnlessSkipped(opts.skipBuild);
  const runs = [];
  for (const size of opts.sizes) runs.push(...(await benchSize(size)));
  console.log(`\nBenchmark on ${describeMachine()}`);
  for (const [i, run] of runs.entries()) {
    const earlier = runs.slice(0, i).find((r) => r.size === run.size);
    printSize(run);
    printSizes(run, earlier);
  }
  for (const engine of opts.engines) {
    const onEngine = runs.filter((run) => run.engine === engine);
    if (onEngine.length > 1) printRatios(onEngine[0], onEngine[onEngine.length - 1]);
  }
  if (opts.engines.length > 1)
    for (const size of opts.sizes) {
      const sqlite = runs.find((run) => run.size === size && run.engine === 'sqlite');
      const postgres = runs.find((run) => run.size === size && run.engine === 'postgres');
      if (sqlite && postgres) printEngines(sqlite, postgres);
    }
  if (opts.json) {
    fs.writeFileSync(
      opts.json,
      JSON.stringify(
        {
          machine: describeMachine(),
          connections: opts.connections,
          duration: opts.duration,
          saveClients: opts.saveClients,
          engines: opts.engines,
          // Each acknowledged save is checked above; the list itself is not worth keeping.
          runs: runs.map((run) => ({
            ...run,
            results: run.results.map((r) => ({ ...r, acknowledged: r.acknowledged?.length })),
          })),
        },
        null,
        2,
      ),
    );
  }
  const failed = runs.flatMap((run) =>
    run.results.filter((r) => r.errors > 0).map((r) => ({ run, r })),
  );
  if (failed.length > 0) {
    for (const { run, r } of failed) {
      console.error(`Errors on ${r.path} at ${runName(run)}: ${r.errors}`);
      for (const problem of (r.problems ?? []).slice(0, 5)) console.error(`  ${problem}`);
    }
    process.exitCode = 1;
  }
} catch (error) {
  reportFailure(error, server);
} finally {
  // The scratch directory goes when the process exits, and any bench clone left on PostgreSQL.
  await server?.stop().catch(() => {});
}
