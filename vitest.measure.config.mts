import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.mts';

// Measurements, not checks: run on demand against fixture files, never part of `npm test`.
//   QUERY_TIMINGS=<1k file>,<100k file> npx vitest run --config vitest.measure.config.mts
export default mergeConfig(
  base,
  defineConfig({ test: { include: ['tests/**/*.measure.ts'], testTimeout: 600_000 } }),
);
