// How the benchmarks (scripts/bench.mjs, scripts/bench-cluster.mjs) measure: pages with
// autocannon, in rounds reported as medians, and saves through the real HTTP path from several
// clients at once.
import autocannon from 'autocannon';
import { median, percentile, round, runSaves } from './load-support.mjs';

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
