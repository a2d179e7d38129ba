import { describe, expect, it } from 'vitest';
import { parseWrk } from '../../scripts/lib/bench-measure.mjs';

// The benchmark reads wrk's report (Debian's wrk 4.1): a misread figure would be a wrong table.

const REPORT = `Running 8s test @ http://127.0.0.1:3140/about
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.75ms    7.15ms 126.42ms   96.82%
    Req/Sec    10.18k     1.40k   13.30k    85.00%
  Latency Distribution
     50%  812.00us
     75%    5.04ms
     90%    5.99ms
     99%    1.02s
  20247 requests in 2.00s, 77.70MB read
  Socket errors: connect 0, read 2, write 1, timeout 4
  Non-2xx or 3xx responses: 5
Requests/sec:  10106.81
Transfer/sec:     38.79MB
`;

describe("wrk's report", () => {
  it('gives requests per second, p50 and p99 in ms, and the failed requests', () => {
    expect(parseWrk(REPORT)).toEqual({ rps: 10107, p50: 0.8, p99: 1020, errors: 12 });
  });

  it('counts no errors when wrk reports none', () => {
    const clean = REPORT.replace(/ {2}Socket errors.*\n/, '').replace(/ {2}Non-2xx.*\n/, '');
    expect(parseWrk(clean).errors).toBe(0);
  });

  it('refuses a report it cannot read', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:3140 Connection refused')).toThrow(
      /Could not read wrk's output/,
    );
  });
});
