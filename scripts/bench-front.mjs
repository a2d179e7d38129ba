// What server.mjs costs in front of Next: the same production build and database served by
// `next start` and by `server.mjs` (what `npm start` runs), in alternating rounds, measured
// with autocannon on the prerendered /about and the cached sample review. Prints each round
// and the medians, and the ratio server.mjs ÷ next start. Compression lives in server.mjs
// (next.config `compress: false`), so `next start` sends these pages uncompressed: the ratio
// is what server.mjs adds, its compressed-body cache included, against sending raw bytes.
//
//   node scripts/bench-front.mjs [--rounds 3] [--duration 8] [--connections 50] [--port 3140]

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  checkBuild,
  describeMachine,
  median,
  ROOT,
  scratchDirectory,
  startServer,
} from './lib/load-support.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3140' },
  },
});
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const connections = Number(values.connections);
const port = Number(values.port);

process.chdir(ROOT);
checkBuild();
let server = null;
const dir = scratchDirectory('review-cms-bench-front-', () => server);
const databasePath = path.join(dir, 'cms.db');

const PAGES = ['/about', '/reviews/escape-2024'];
const FRONTS = ['next-start', 'server.mjs'];

function run(url) {
  return new Promise((resolve, reject) =>
    autocannon(
      { url, connections, duration, headers: { 'accept-encoding': 'gzip' } },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

const results = Object.fromEntries(
  FRONTS.map((front) => [front, Object.fromEntries(PAGES.map((page) => [page, []]))]),
);

console.log(describeMachine());
for (let round = 1; round <= rounds; round++) {
  for (const front of round % 2 ? FRONTS : [...FRONTS].reverse()) {
    server = await startServer({ databasePath, port, front });
    for (const page of PAGES) {
      const warm = await fetch(`${server.origin}${page}`);
      if (warm.status !== 200) throw new Error(`${page} answered ${warm.status} on ${front}.`);
      await new Promise((resolve) =>
        autocannon({ url: `${server.origin}${page}`, connections, duration: 2 }, resolve),
      );
      const result = await run(`${server.origin}${page}`);
      const errors = result.errors + result.non2xx + result.timeouts;
      results[front][page].push({ rps: result.requests.average, p99: result.latency.p99, errors });
      console.log(
        `round ${round} ${front.padEnd(10)} ${page.padEnd(22)} ${Math.round(result.requests.average)} req/s  p99 ${result.latency.p99} ms  errors ${errors}`,
      );
    }
    await server.stop();
    server = null;
  }
}

console.log('\nmedians of', rounds, 'rounds:');
for (const page of PAGES) {
  const [next, ours] = FRONTS.map((front) => ({
    rps: median(results[front][page].map((r) => r.rps)),
    p99: median(results[front][page].map((r) => r.p99)),
  }));
  console.log(
    `${page.padEnd(22)} next start ${Math.round(next.rps)} req/s p99 ${next.p99} ms | server.mjs ${Math.round(ours.rps)} req/s p99 ${ours.p99} ms | ratio ${(ours.rps / next.rps).toFixed(2)}`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
