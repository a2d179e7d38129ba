// How the benchmarks (scripts/bench.mjs, scripts/bench-cluster.mjs) measure: pages with wrk
// (one thread, as the figures were taken) when it is installed, else autocannon, in
// rounds reported as medians; and saves through the real HTTP path from several clients at once.
//
// The load generator shares the machine's two cores with the server, so its own cost counts:
// autocannon (JavaScript) spends several times wrk's CPU on each response, and more on bigger
// ones, so with it a page's figure says as much about its size as about the server. wrk is
// Debian's `wrk` package (`apt-get install wrk`).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { median, percentile, round, runSaves } from './load-support.mjs';

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((file) => fs.existsSync(file)) ?? null;

/** The load generator pages are measured with, as the reports name it. */
export const PAGE_LOAD_TOOL = WRK ? 'wrk (1 thread)' : 'autocannon';

/** A wrk latency ("4.66ms", "812.00us", "1.02s") in milliseconds. */
function wrkMs(text) {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!match) return NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

/**
 * What wrk printed for a run with --latency: requests per second, p50 and p99 in ms, and the
 * requests that failed (non-2xx/3xx answers, socket errors and timeouts).
 */
export function parseWrk(output) {
  const line = (pattern) => pattern.exec(output)?.[1];
  const rps = Number(line(/Requests\/sec:\s+([\d.]+)/));
  const p50 = wrkMs(line(/\s50%\s+(\S+)/) ?? '');
  const p99 = wrkMs(line(/\s99%\s+(\S+)/) ?? '');
  const non2xx = Number(line(/Non-2xx or 3xx responses:\s+(\d+)/) ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  if (!Number.isFinite(rps) || !Number.isFinite(p50) || !Number.isFinite(p99))
    throw new Error(`Could not read wrk's output:\n${output}`);
  return { rps: Math.round(rps), p50: round(p50), p99: round(p99), errors: non2xx + socketErrors };
}

function wrkRun(url, seconds, connections, headers) {
  // The same 10 s timeout as autocannon's (wrk's own is 2 s: the admin dashboard takes longer).
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  return new Promise((resolve, reject) => {
    execFile(WRK, [...args, url], { timeout: (seconds + 30) * 1000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`wrk failed: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

/**
 * The measurer for one benchmark's settings: `connections` per page, `duration` seconds per
 * measurement, `rounds` rounds of pages, `saveClients` concurrent savers.
 */
export function pageMeasurer({ connections, duration, rounds, saveClients }) {
  function autocannonRun(url, seconds, headers = {}) {
    return new Promise((resolve, reject) => {
      autocannon(
        { url, connections, duration: seconds, pipelining: 1, headers },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
  }

  /** Warms a page (fills the cache); refuses one that does not answer 200. */
  async function warmPage(url, headers) {
    const warm = await fetch(url, { headers, redirect: 'manual' });
    if (warm.status !== 200) throw new Error(`${url} answered ${warm.status}.`);
    await autocannonRun(url, 2, headers);
  }

  /** One measurement of a page. */
  async function measureOnce(url, headers) {
    if (WRK) return parseWrk(await wrkRun(url, duration, connections, headers));
    const result = await autocannonRun(url, duration, headers);
    return {
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
    };
  }

  return {
    /**
     * Every page ({ name, kind, url, headers }) measured once per round, in turn (so a noisy
     * moment on the shared machine spreads over all of them), then the median of each figure;
     * errors are summed. Paths are reported relative to `origin`.
     */
    async pages(pages, origin) {
      for (const page of pages) await warmPage(page.url, page.headers);
      const measured = pages.map(() => []);
      for (let round = 1; round <= rounds; round++) {
        for (const [i, page] of pages.entries()) {
          measured[i].push(await measureOnce(page.url, page.headers));
          console.log(`  round ${round}: measured ${page.name}`);
        }
      }
      return pages.map((page, i) => ({
        name: page.name,
        kind: page.kind,
        path: page.url.startsWith(origin) ? page.url.slice(origin.length) : page.url,
        rps: median(measured[i].map((r) => r.rps)),
        p50: median(measured[i].map((r) => r.p50)),
        p99: median(measured[i].map((r) => r.p99)),
        errors: measured[i].reduce((sum, r) => sum + r.errors, 0),
        rounds: measured[i],
      }));
    },

    /** Saves through POST /api/reviews/:id/revisions at `origin`, from several clients at once. */
    async saves(origin, cookie, reviewId) {
      // A short warm-up (compiles the route, fills the statement caches), then the measurement.
      const warmEnd = Date.now() + 2000;
      await runSaves({
        origin,
        cookie,
        reviewId,
        clients: saveClients,
        until: () => warmEnd,
        label: 'warm',
      });
      const started = Date.now();
      const end = started + duration * 1000;
      const result = await runSaves({
        origin,
        cookie,
        reviewId,
        clients: saveClients,
        until: () => end,
      });
      const seconds = (Date.now() - started) / 1000;
      return {
        name: `save (${saveClients} clients)`,
        kind: 'uncached',
        path: `POST /api/reviews/${reviewId}/revisions`,
        rps: Math.round(result.acknowledged.length / seconds),
        p50: round(percentile(result.latencies, 50)),
        p99: round(percentile(result.latencies, 99)),
        errors: result.problems.length,
        saves: { acknowledged: result.acknowledged.length, conflicts: result.conflicts },
        acknowledged: result.acknowledged,
        problems: result.problems,
      };
    },
  };
}
