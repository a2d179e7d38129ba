import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import regexp from 'eslint-plugin-regexp';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  // Every regular expression must run in linear time: a pattern that backtracks
  // super-linearly lets one request hold the event loop for seconds (tests/security/hostile-input).
  {
    files: ['app/**', 'lib/**', 'db/**', 'components/**', 'scripts/**', 'proxy.ts', 'server.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential' }],
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  globalIgnores([
    '.next/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    'data/**',
    'test-results/**',
    'playwright-report/**',
  ]),
]);
