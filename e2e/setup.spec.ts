import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The first-admin setup needs a server that has never had a user, so this spec starts its own
// production server on a fresh database, without ADMIN_EMAIL/ADMIN_PASSWORD, and reads the
// setup link from its log as an operator would.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const ORIGIN = `http://127.0.0.1:${PORT}`;
let server: ChildProcess;
let dir: string;
let setupLink: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-e2e-setup-'));
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('ADMIN_'));
  const env = {
    ...Object.fromEntries(inherited),
    DATABASE_URL: path.join(dir, 'cms.db'),
    NEXTAUTH_URL: ORIGIN,
    SITE_URL: ORIGIN,
    NODE_ENV: 'production' as const,
  };
  server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '--port', String(PORT)],
    { env },
  );
  setupLink = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`No setup link in the server log:\n${output}`)),
      60_000,
    );
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const link = /(http:\/\/\S+\/setup\?token=[\w-]+)/.exec(output)?.[1];
      if (link) {
        clearTimeout(timer);
        resolve(link);
      }
    });
    server.on('exit', (code) => reject(new Error(`Server exited (${code}):\n${output}`)));
  });
});

test.afterAll(() => {
  server?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the first-admin setup link works once and only once', async ({ page }) => {
  expect(setupLink.startsWith(`${ORIGIN}/setup?token=`)).toBe(true);
  await page.goto(setupLink);
  await expect(page.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();

  // A bad submit keeps what was typed and explains next to the field.
  await page.getByLabel('Name').fill('Ada Admin');
  await page.getByLabel('Email').fill('ada@e2e.test');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('ada@e2e.test');

  await page.getByLabel('Password', { exact: true }).fill('ada chooses a passphrase');
  await page.getByLabel('Confirm password').fill('ada chooses a passphrase');
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page).toHaveURL(/\/login\?setup=done$/);

  await page.getByLabel('Email').fill('ada@e2e.test');
  await page.getByLabel('Password').fill('ada chooses a passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${ORIGIN}/admin`);
  await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();

  // The same link again: refused.
  await page.goto(setupLink);
  await expect(
    page.getByRole('alert').filter({ hasText: 'expired or was already used' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create admin' })).toHaveCount(0);
});
