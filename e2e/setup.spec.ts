import { expect, test } from '@playwright/test';
import {
  removeDirectory,
  startServer,
  temporaryDirectory,
  type OwnServer,
} from './support/own-server';

// The first-admin setup needs a server that has never had a user, so this spec starts its own
// production server on a fresh database, without ADMIN_EMAIL/ADMIN_PASSWORD, and reads the
// setup link from its log as an operator would.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
let server: OwnServer;
let dir: string;
let setupLink: string;

test.beforeAll(async () => {
  dir = temporaryDirectory('setup');
  server = startServer({ port: PORT, dir, withoutAdmin: true });
  setupLink = (await server.waitForOutput(/(http:\/\/\S+\/setup\?token=[\w-]+)/))[1]!;
});

test.afterAll(async () => {
  await server?.stop();
  removeDirectory(dir);
});

test('the first-admin setup link works once and only once', async ({ page }) => {
  expect(setupLink.startsWith(`${server.origin}/setup?token=`)).toBe(true);
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
  await expect(page).toHaveURL(`${server.origin}/admin`);
  await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();

  // The same link again: refused, with what is true now (there is an admin; no restart helps).
  await page.goto(setupLink);
  const refusal = page
    .getByRole('alert')
    .filter({ hasText: 'already used: the site has an admin' });
  await expect(refusal).toBeVisible();
  await expect(refusal).not.toContainText('Restart');
  await expect(refusal.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  await expect(page.getByRole('button', { name: 'Create admin' })).toHaveCount(0);
});
