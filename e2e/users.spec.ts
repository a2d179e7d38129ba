import { expect, test } from '@playwright/test';
import { ADMIN, createUserAsAdmin, signIn, uniqueEmail } from './support/accounts';

// The Users page shows what is stored after every action: the role dropdown once snapped back
// to the old role until a reload, so a second click silently undid the change.

test('the role dropdown keeps the stored role after each change', async ({ page }) => {
  const writer = {
    name: `Rita Role ${Date.now()}`,
    email: uniqueEmail('role'),
    role: 'writer' as const,
    password: 'a writer passphrase 1',
  };
  await signIn(page, ADMIN);
  await createUserAsAdmin(page, writer);
  await page.goto('/admin/users');
  const row = page.getByRole('row', { name: writer.name });
  const role = row.getByLabel(`Role of ${writer.name}`);

  await role.selectOption('editor');
  await row.getByRole('button', { name: 'Change role' }).click();
  await expect(row.getByText('Role changed.')).toBeVisible();
  await expect(role).toHaveValue('editor');

  // A second change, without reloading, from what is now stored.
  await role.selectOption('admin');
  // Its answer shows the same words as the first one's, so wait for the answer itself before
  // reloading (a reload in flight would cancel the change, not test it).
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && 'next-action' in response.request().headers(),
  );
  await row.getByRole('button', { name: 'Change role' }).click();
  expect((await answered).ok()).toBe(true);
  await expect(role).toHaveValue('admin');
  await page.reload();
  await expect(
    page.getByRole('row', { name: writer.name }).getByLabel(`Role of ${writer.name}`),
  ).toHaveValue('admin');
});
