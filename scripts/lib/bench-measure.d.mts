// Types for the part of bench-measure.mjs the tests use.

/** What wrk printed for a run with --latency: req/s, p50 and p99 in ms, and failed requests. */
export function parseWrk(output: string): { rps: number; p50: number; p99: number; errors: number };

export const PAGE_LOAD_TOOL: string;
