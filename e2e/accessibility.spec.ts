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
    '/admin/reviews/1/history',
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

/** Every violation axe-core finds, whatever its impact (the reader site allows none). */
async function allViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.impact}: ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

const PUBLIC_PAGES = [
  '/',
  '/reviews/escape-2024',
  '/genres/thriller',
  '/people/lee-jong-pil',
  '/about',
  '/search?q=escape',
  '/reviews/not-here',
];

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the public pages have no accessibility violations (${colorScheme} mode)`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme });
    for (const path of PUBLIC_PAGES) {
      await page.goto(path);
      expect(await allViolations(page), path).toEqual([]);
    }
  });
}

test('the public pages work at 320 pixels wide without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of PUBLIC_PAGES) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
