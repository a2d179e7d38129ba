import { expect, type Browser, type Page } from '@playwright/test';

export const ADMIN = { email: 'admin@e2e.test', password: 'e2e admin passphrase 1' };

/** Signs in through the login form and waits for the admin. */
export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** Creates a user through the admin's Users page (the page must be signed in as an admin). */
export async function createUserAsAdmin(
  page: Page,
  user: { name: string; email: string; role: 'admin' | 'editor' | 'writer'; password: string },
) {
  await page.goto('/admin/users');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Add user' }) });
  await form.getByLabel('Name').fill(user.name);
  await form.getByLabel('Email').fill(user.email);
  await form.getByLabel('Role').selectOption(user.role);
  await form.getByLabel('Set a temporary password now').check();
  await form.getByRole('textbox', { name: 'Temporary password' }).fill(user.password);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByText(`${user.name} was added`)).toBeVisible();
}

/** A unique email per test run, so parallel tests never share an account. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e.test`;
}

export type StaffAccount = {
  name: string;
  email: string;
  role: 'writer' | 'editor';
  password: string;
};

/** A writer and an editor of this test's own, added by the admin in a page of its own. */
export async function addWriterAndEditor(
  browser: Browser,
  names: { writer: string; editor: string },
): Promise<{ writer: StaffAccount; editor: StaffAccount }> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const writer: StaffAccount = {
    name: names.writer,
    email: uniqueEmail('writer'),
    role: 'writer',
    password: `writer passphrase ${stamp}`,
  };
  const editor: StaffAccount = {
    name: names.editor,
    email: uniqueEmail('editor'),
    role: 'editor',
    password: `editor passphrase ${stamp}`,
  };
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await createUserAsAdmin(admin, writer);
  await createUserAsAdmin(admin, editor);
  await admin.close();
  return { writer, editor };
}
