import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support/accounts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

test('the sign-in page has no serious accessibility violations', async ({ page }) => {
  await page.goto('/login');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the admin pages have no serious accessibility violations', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
  for (const path of [
    '/admin',
    '/admin/reviews/new',
    '/admin/media',
    '/admin/users',
    '/admin/audit',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
  // The editor of an existing review, with its workflow controls.
  await page.goto('/admin');
  await page.getByRole('link', { name: /Escape \(2024\)/ }).click();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
  expect(await seriousViolations(page), 'the editor').toEqual([]);
});

test('the public pages have no serious accessibility violations', async ({ page }) => {
  for (const path of ['/', '/reviews/escape-2024', '/reviews/not-here']) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
});
