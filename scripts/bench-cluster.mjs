// npm run bench:cluster: one instance against several behind nginx, on one machine. For each
// count in --instances it starts nginx (deploy/nginx.conf.template) over that many instances
// on a PostgreSQL copy of a fixture, sharing a Redis cache (scripts/lib/load-cluster.mjs), and
// measures through nginx, as readers reach it:
//
// - the reader pages with nginx's micro-cache bypassed (each request carries an Authorization
//   header, which the configuration never answers from its cache), so every request reaches an
//   instance: what the instances themselves serve;
// - the same pages as readers get them, micro-cache on;
// - saves through POST /api/reviews/:id/revisions from several clients, each checked in the
//   database afterwards.
//
// On this project's 2-core machines a second instance cannot add CPU: what it shows is what
// spreading the same cores over two processes costs, and that nothing fails.
//
//   node scripts/bench-cluster.mjs [--instances 1,2] [--reviews 1000] [--duration 8]
//                                  [--rounds 3] [--connections 50] [--save-clients 4]
//                                  [--skip-build] [--fixtures-cache <dir>] [--port 3140]
//
// Run it alone on the machine: anything else using the CPU changes the figures.
import { parseArgs } from 'node:util';
import { PAGE_LOAD_TOOL, pageMeasurer } from './lib/bench-measure.mjs';
import { startLoadCluster } from './lib/load-cluster.mjs';
import { pickBenchTargets } from './lib/load-database.mjs';
import {
  buildUnlessSkipped,
  copyFixture,
  DEFAULT_FIXTURE_CACHE,
  describeMachine,
  ensureFixture,
  FIXTURE_ADMIN,
  reportFailure,
  ROOT,
  scratchDirectory,
  signIn,
  verifySavesPostgres,
} from './lib/load-support.mjs';

const USAGE =
  'Usage: node scripts/bench-cluster.mjs [--instances 1,2] [--reviews 1000] [--duration 8] ' +
  '[--rounds 3] [--connections 50] [--save-clients 4] [--skip-build] [--fixtures-cache <dir>] ' +
  '[--port 3140]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        instances: { type: 'string', default: '1,2' },
        reviews: { type: 'string', default: '1000' },
        duration: { type: 'string', default: '8' },
        rounds: { type: 'string', default: '3' },
        connections: { type: 'string', default: '50' },
        'save-clients': { type: 'string', default: '4' },
        'skip-build': { type: 'boolean', default: false },
        'fixtures-cache': { type: 'string', default: DEFAULT_FIXTURE_CACHE },
        port: { type: 'string', default: '3140' },
      },
      strict: true,
      allowPositionals: false,
    });
    const whole = (text, name, min, max) => {
      const n = Number(String(text).replaceAll('_', ''));
      if (!Number.isInteger(n) || n < min || n > max)
        throw new Error(`--${name} takes a whole number from ${min} to ${max}.`);
      return n;
    };
    return {
      instances: values.instances.split(',').map((each) => whole(each, 'instances', 1, 8)),
      reviews: whole(values.reviews, 'reviews', 10, 1_000_000),
      duration: whole(values.duration, 'duration', 1, 600),
      rounds: whole(values.rounds, 'rounds', 1, 20),
      connections: whole(values.connections, 'connections', 1, 1000),
      saveClients: whole(values['save-clients'], 'save-clients', 1, 20),
      skipBuild: values['skip-build'],
      cacheDir: values['fixtures-cache'],
      port: whole(values.port, 'port', 1, 65_000),
    };
  } catch (error) {
    console.error(`Error: ${error.message}\n${USAGE}`);
    process.exit(1);
  }
}

const opts = options();
process.chdir(ROOT);
let server = null;
const dir = scratchDirectory('review-cms-bench-cluster-', () => server);
const measure = pageMeasurer(opts);

/** Never answered from nginx's micro-cache (deploy/nginx.conf.template, proxy_cache_bypass). */
const BYPASS = { authorization: 'Bearer bench-bypasses-the-micro-cache' };

async function benchInstances(instances, fixture, targets) {
  console.log(`\n== ${instances} instance(s) behind nginx ==`);
  server = await startLoadCluster({
    fixtureFile: fixture.file,
    key: String(opts.reviews),
    instances,
    port: opts.port,
    dir,
    log: (message) => console.log(message),
  });
  try {
    const page = (name, pathname, headers = {}) => ({
      name,
      kind: 'cached',
      url: `${server.origin}${pathname}`,
      headers: { 'accept-encoding': 'gzip', ...headers },
    });
    const readerPages = [
      ['/about (prerendered)', '/about'],
      ['home /', '/'],
      ['review page', `/reviews/${targets.review.slug}`],
      ['genre page (largest)', `/genres/${targets.genre}`],
      ['person page (most credited)', `/people/${targets.person}`],
      ['search', '/search?q=harbour'],
    ];
    const pages = [
      ...readerPages.map(([name, pathname]) => page(`${name}, to the instances`, pathname, BYPASS)),
      ...readerPages.map(([name, pathname]) => page(`${name}, micro-cache`, pathname)),
    ];
    const results = await measure.pages(pages, server.origin);
    const cookie = await signIn(server.origin, FIXTURE_ADMIN);
    const saves = await measure.saves(server.origin, cookie, targets.saved);
    console.log(`  measured ${saves.name}`);
    const memory = server.peakMemoryMiB();
    await server.stop();
    const failures = await verifySavesPostgres(
      server.databaseUrl,
      targets.saved,
      saves.acknowledged,
    );
    saves.errors += failures.length;
    saves.problems.push(...failures);
    return { instances, memory, results: [...results, saves] };
  } finally {
    await server.stop();
    await server.cleanup();
    server = null;
  }
}

function print(runs) {
  const [first, ...others] = runs;
  const heads = runs.map((run) => `${run.instances} instance(s) req/s (p99 ms)`);
  console.log(
    `\nThrough nginx on ${describeMachine()}, ${opts.reviews.toLocaleString('en')} reviews on ` +
      `PostgreSQL, ${PAGE_LOAD_TOOL}, ${opts.connections} connections, medians of ${opts.rounds} rounds of ` +
      `${opts.duration} s (ratio: each count's req/s ÷ the first's)\n`,
  );
  console.log(
    `| page | ${heads.join(' | ')} | ${others.map((run) => `ratio ${run.instances}:${first.instances}`).join(' | ')} | errors |`,
  );
  console.log(
    `| --- |${runs.map(() => ' ---: |').join('')}${others.map(() => ' ---: |').join('')} ---: |`,
  );
  for (const [i, result] of first.results.entries()) {
    const row = runs.map((run) => run.results[i]);
    console.log(
      `| ${result.name} | ${row.map((r) => `${r.rps} (${r.p99})`).join(' | ')} | ` +
        `${row
          .slice(1)
          .map((r) => (r.rps / result.rps).toFixed(2))
          .join(' | ')} | ${row.reduce((sum, r) => sum + r.errors, 0)} |`,
    );
  }
  for (const run of runs)
    console.log(
      `${run.instances} instance(s): peak memory (VmHWM) ${run.memory.map((m) => m ?? '?').join(' + ')} MiB; ` +
        `saves: ${run.results.at(-1).saves.acknowledged} acknowledged, all checked in the database`,
    );
}

try {
  console.log(`Cluster benchmark on ${describeMachine()}`);
  buildUnlessSkipped(opts.skipBuild);
  const fixture = ensureFixture({
    reviews: opts.reviews,
    cacheDir: opts.cacheDir,
    log: (message) => console.log(message),
  });
  const targets = await pickBenchTargets(copyFixture(fixture.file, dir), opts.saveClients);
  const runs = [];
  for (const instances of opts.instances)
    runs.push(await benchInstances(instances, fixture, targets));
  print(runs);
  const problems = runs.flatMap((run) => run.results.at(-1).problems);
  const errors = runs.flatMap((run) => run.results).reduce((sum, r) => sum + r.errors, 0);
  if (errors > 0) {
    console.error(`\n${errors} error(s)${problems.length ? `, the first: ${problems[0]}` : ''}`);
    process.exitCode = 1;
  }
} catch (error) {
  reportFailure(error, server);
}
