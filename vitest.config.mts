import path from 'node:path';
import { defineConfig } from 'vitest/config';
import {
  ENGINE_INDEPENDENT_TESTS,
  POSTGRES_ONLY_TESTS,
  SQLITE_ONLY_TESTS,
} from './tests/support/engine-projects.mjs';

const shared = {
  environment: 'node' as const,
  include: ['**/*.test.ts', '**/*.test.tsx'],
  exclude: ['node_modules/**', '.next/**', 'e2e/**'],
  setupFiles: ['tests/support/setup.ts'],
};

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws when imported outside a React Server Components build; unit tests
      // run the same modules in plain Node, where the guard has nothing to protect.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only.ts'),
    },
  },
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    // The whole suite runs on both engines (issue 16), but for the tests of one engine's own
    // file, migrations and tools (tests/support/engine-projects.mjs says which and why).
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'sqlite',
          exclude: [...shared.exclude, ...POSTGRES_ONLY_TESTS],
          env: { TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'postgres',
          exclude: [...shared.exclude, ...SQLITE_ONLY_TESTS, ...ENGINE_INDEPENDENT_TESTS],
          // The engine is chosen when db/schema.ts loads, before the setup file names the
          // throwaway database: any postgres:// URL here selects PostgreSQL's tables.
          env: { TEST_ENGINE: 'postgres', DATABASE_URL: 'postgres://127.0.0.1/not-yet-created' },
        },
      },
    ],
  },
});
