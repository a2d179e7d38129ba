// npm run bench:lighthouse: Lighthouse (mobile, simulated throttling: its defaults) on the
// sample review, the home page and /about of the production build, each run --runs times, and
// the medians of LCP, Speed Index, FCP, TBT, CLS and the four category scores. --compare adds
// any other URL to the same run, so a peer is measured beside this one on the same machine.
//
// Lighthouse is not a dependency of the app: it is fetched by npx at the pinned version
// (12.2.3, the last that runs on Node 20) and drives Debian's chromium (CHROME_PATH).
//
//   node scripts/bench-lighthouse.mjs [--runs 3] [--compare <url>]… [--port 3130]
//
// Run it alone on the machine: Lighthouse's simulated timings come from the traced CPU work.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkBuild,
  describeMachine,
  median,
  reportFailure,
  ROOT,
  scratchDirectory,
  startServer,
} from './lib/load-support.mjs';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    compare: { type: 'string', multiple: true, default: [] },
    port: { type: 'string', default: '3130' },
  },
});
const runs = Number(values.runs);
const port = Number(values.port);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1.');
if (!fs.existsSync(CHROME)) throw new Error(`No browser at ${CHROME}: set CHROME_PATH.`);

process.chdir(ROOT);
checkBuild();
let server = null;
const dir = scratchDirectory('review-cms-lighthouse-', () => server);

/** One Lighthouse run: the metrics (ms) and category scores (0–100) of one page. */
function lighthouse(url, n) {
  const output = path.join(dir, `lh-${n}.json`);
  execFileSync(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      `--output-path=${output}`,
      '--chrome-flags=--headless=new --no-sandbox',
    ],
    { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const report = JSON.parse(fs.readFileSync(output, 'utf8'));
  const metric = (id) => report.audits[id].numericValue;
  const score = (id) => Math.round(report.categories[id].score * 100);
  return {
    lcp: metric('largest-contentful-paint'),
    si: metric('speed-index'),
    fcp: metric('first-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    performance: score('performance'),
    accessibility: score('accessibility'),
    seo: score('seo'),
    bestPractices: score('best-practices'),
  };
}

try {
  server = await startServer({ databasePath: path.join(dir, 'cms.db'), port });
  const pages = [
    ['sample review', `${server.origin}/reviews/escape-2024`],
    ['home', `${server.origin}/`],
    ['/about (prerendered)', `${server.origin}/about`],
    ...values.compare.map((url) => [`compare: ${url}`, url]),
  ];
  // Fill the cache, so every run measures a cached page.
  for (const [, url] of pages) await fetch(url);
  const results = pages.map(() => []);
  let n = 0;
  for (let run = 1; run <= runs; run++)
    for (const [i, [name, url]] of pages.entries()) {
      results[i].push(lighthouse(url, n++));
      console.log(`run ${run}: ${name}`);
    }
  console.log(
    `\nLighthouse ${LIGHTHOUSE.split('@')[1]} (mobile, simulated throttling), medians of ${runs} runs`,
  );
  console.log(`on ${describeMachine()}\n`);
  console.log(
    '| page | LCP s | Speed Index s | FCP s | TBT ms | CLS | performance | accessibility | SEO |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [i, [name]] of pages.entries()) {
    const m = (key) => median(results[i].map((r) => r[key]));
    console.log(
      `| ${name} | ${(m('lcp') / 1000).toFixed(2)} | ${(m('si') / 1000).toFixed(2)} | ${(m('fcp') / 1000).toFixed(2)} | ${Math.round(m('tbt'))} | ${m('cls').toFixed(3)} | ${m('performance')} | ${m('accessibility')} | ${m('seo')} |`,
    );
  }
} catch (error) {
  reportFailure(error, server);
} finally {
  await server?.stop().catch(() => {});
}
