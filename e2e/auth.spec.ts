import { expect, test } from '@playwright/test';
import { ADMIN, createUserAsAdmin, signIn, uniqueEmail } from './support/accounts';

test('an admin signs in and out, and the old cookie is refused afterwards', async ({
  page,
  context,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();
  const cookiesBefore = await context.cookies();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login$/);

  // Replaying the cookie from before sign-out does not get back in.
  await context.addCookies(cookiesBefore);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login$/);
});

test('a wrong password and an unknown email show the same generic error', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(
    'The email or password is incorrect.',
  );
  // What was typed is kept.
  await expect(page.getByLabel('Email')).toHaveValue(ADMIN.email);

  await page.getByLabel('Email').fill('nobody@e2e.test');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(
    'The email or password is incorrect.',
  );
});

test('repeated failures lock the account, even against the right password', async ({
  page,
  browser,
}) => {
  // A fresh account, so the lock affects no other test.
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  const victim = {
    name: 'Locked Out',
    email: uniqueEmail('locked'),
    role: 'editor' as const,
    password: 'a locked passphrase 1',
  };
  await createUserAsAdmin(admin, victim);
  await admin.close();

  await page.goto('/login');
  await page.getByLabel('Email').fill(victim.email);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('Password').fill(`wrong password ${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  await expect(page.locator('form').getByRole('alert')).toHaveText(/Too many failed attempts/);
  await page.getByLabel('Password').fill(victim.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/Too many failed attempts/);
  await expect(page).toHaveURL(/\/login$/);
});

test('an admin creates an editor who signs in; deactivating them ends their open session', async ({
  page,
  browser,
}) => {
  const editor = {
    name: 'Eddie Editor',
    email: uniqueEmail('editor'),
    role: 'editor' as const,
    password: 'an editor passphrase 1',
  };
  await signIn(page, ADMIN);
  await createUserAsAdmin(page, editor);

  const editorContext = await browser.newContext();
  const editorPage = await editorContext.newPage();
  await signIn(editorPage, editor);
  await expect(editorPage.getByText('Eddie Editor')).toBeVisible();
  // Editors do not manage users.
  await expect(editorPage.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.goto('/admin/users');
  const row = page.getByRole('row', { name: editor.name });
  // A quiet button that asks first; your own row has none.
  await expect(
    page
      .getByRole('row', { name: 'Administrator', exact: true })
      .getByRole('button', { name: /Deactivate/ }),
  ).toHaveCount(0);
  await row.getByRole('button', { name: 'Deactivate…' }).click();
  await row
    .getByRole('group', { name: `Deactivate ${editor.name}` })
    .getByRole('button', { name: 'Deactivate', exact: true })
    .click();
  await expect(row.getByText('Deactivated.')).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Deactivated', exact: true })).toBeVisible();

  await editorPage.goto('/admin');
  await expect(editorPage).toHaveURL(/\/login$/);
  await editorContext.close();
});

test('a writer gets a 403 page on /admin/users and /admin/audit', async ({ page, browser }) => {
  const writer = {
    name: 'Wendy Writer',
    email: uniqueEmail('writer'),
    role: 'writer' as const,
    password: 'a writer passphrase 1',
  };
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await createUserAsAdmin(admin, writer);
  await admin.close();

  await signIn(page, writer);
  for (const path of ['/admin/users', '/admin/audit']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(
      page.getByRole('heading', { name: 'You do not have access to this page' }),
    ).toBeVisible();
  }
});

test('a spoofed x-middleware-subrequest header does not get anyone into the admin', async ({
  request,
}) => {
  for (const value of [
    'middleware',
    'proxy',
    'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
    'proxy:proxy:proxy:proxy:proxy',
  ]) {
    const response = await request.get('/admin/users', {
      headers: { 'x-middleware-subrequest': value },
      maxRedirects: 0,
    });
    expect(response.status(), `with x-middleware-subrequest: ${value}`).not.toBe(200);
    expect(await response.text()).not.toContain('Add a user');
  }
});

test('the audit log records sign-ins and filters by action and actor', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Action').selectOption('auth.sign_in');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=auth.sign_in/);
  const actions = page.locator('tbody tr td:nth-child(3) code');
  await expect(actions.first()).toHaveText('auth.sign_in');
  expect(new Set(await actions.allTextContents())).toEqual(new Set(['auth.sign_in']));

  // Filtering by actor as well leaves only the admin's own sign-ins.
  await page.getByLabel('Actor').selectOption({ label: `Administrator (${ADMIN.email})` });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/actor=\d+/);
  const actors = page.locator('tbody tr td:nth-child(2)');
  await expect(actors.first()).toHaveText(ADMIN.email);
  expect(new Set(await actors.allTextContents())).toEqual(new Set([ADMIN.email]));
});

test('staff pages carry a nonce-based CSP, cached reader pages a static one', async ({
  request,
}) => {
  const login = (await request.get('/login')).headers()['content-security-policy'];
  expect(login).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  // Two requests, two nonces: a nonce is never reused.
  const again = (await request.get('/login')).headers()['content-security-policy'];
  expect(again).not.toBe(login);

  const response = await request.get('/');
  const headers = response.headers();
  const reader = headers['content-security-policy'];
  expect(reader).toContain("script-src 'self' 'unsafe-inline'");
  expect(reader).not.toContain('nonce-');
  for (const csp of [login, reader]) {
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  }
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
});
