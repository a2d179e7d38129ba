import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const port = process.env.E2E_PORT ?? '3100';
const baseURL = `http://127.0.0.1:${port}`;
// The same production build on PostgreSQL, for the suites a change of engine could break.
const postgresPort = String(Number(port) + 20);
const postgresURL = `http://127.0.0.1:${postgresPort}`;
const POSTGRES_SUITES = [
  'auth',
  'editor',
  'concurrent-editing',
  'reader',
  'reader-pages',
  'search',
  'seo',
].map((name) => `**/${name}.spec.ts`);
// Two instances behind nginx on PostgreSQL and Redis, which the spec starts itself: nginx on
// E2E_PORT+30 (or E2E_CLUSTER_PORT), the instances on E2E_PORT+31 and +32 (e2e/cluster.spec.ts).
const CLUSTER_SUITE = '**/cluster.spec.ts';
const clusterURL = `http://127.0.0.1:${process.env.E2E_CLUSTER_PORT ?? Number(port) + 30}`;

// Playwright cannot download its browsers on machines without internet: use the system
// Chromium when there is one (or CHROMIUM_PATH), and Playwright's own browser otherwise.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) =>
  fs.existsSync(file),
);
const executablePath = process.env.CHROMIUM_PATH || systemChromium;

const browser = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  // The cluster spec runs in its own project only (the others leave it out by this default).
  testIgnore: CLUSTER_SUITE,
  forbidOnly: true,
  fullyParallel: true,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Generous per test: several argon2 sign-ins and real typing run slowly on a busy 2-core CI.
  timeout: 60_000,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    trace: 'on-first-retry',
  },
  projects: [
    { name: 'chromium', use: browser },
    {
      name: 'chromium-postgres',
      testMatch: POSTGRES_SUITES,
      use: { ...browser, baseURL: postgresURL },
    },
    {
      name: 'chromium-cluster',
      testMatch: CLUSTER_SUITE,
      testIgnore: [],
      use: { ...browser, baseURL: clusterURL },
    },
  ],
  // The production build (`npm run test:e2e` builds first), each on a throwaway database.
  webServer: [
    {
      command: 'node scripts/e2e-server.mjs',
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: 'node scripts/e2e-server.mjs',
      env: { E2E_ENGINE: 'postgres', E2E_PORT: postgresPort },
      url: `${postgresURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
