import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support/accounts';
import { savedReviewId, savedStatus, sectionBody } from './support/editor';

// The revision history: two saves of one section, compared word by word, then the older one
// restored as a new version while every earlier version stays listed.

/** The versions listed on the history page, top to bottom. */
async function listedVersions(page: Page): Promise<number[]> {
  const cells = await page.locator('.history-table tbody > tr > th').allInnerTexts();
  return cells.map((text) => Number(text.trim()));
}

async function newestVersion(page: Page, reviewId: string): Promise<number> {
  await page.goto(`/admin/reviews/${reviewId}/history`);
  return (await listedVersions(page))[0]!;
}

/** Checks a From or To radio, opening the run of autosaves it is folded into if need be. */
async function choose(page: Page, column: 'From' | 'To', version: number) {
  const radio = page.getByRole('radio', { name: `${column} version ${version}`, exact: true });
  if (!(await radio.isVisible())) {
    await page.locator('details', { has: radio }).locator('summary').click();
  }
  await radio.check();
}

test('two saves are compared word by word, and restoring adds a version', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  const title = `History ${Date.now()}`;
  await page.getByLabel('Headline').fill(`${title}: a test review`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Year').fill('2022');
  const body = sectionBody(page, 1);
  await body.click();
  await page.keyboard.type('The escape was brisk and clever.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const reviewId = await savedReviewId(page);
  await expect(savedStatus(page)).toBeVisible();
  const first = await newestVersion(page, reviewId);

  await page.goto(`/admin/reviews/${reviewId}`);
  // The paragraph's text selected (Ctrl+A would select the whole review on the canvas).
  await body.click({ clickCount: 3 });
  await page.keyboard.type('The escape was slow and clever.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(savedStatus(page)).toBeVisible();
  const second = await newestVersion(page, reviewId);
  expect(second).toBeGreaterThan(first);

  // Compare the two saves through the form.
  await choose(page, 'From', first);
  await choose(page, 'To', second);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(
    (url) =>
      url.searchParams.get('from') === String(first) &&
      url.searchParams.get('to') === String(second),
  );
  const diff = page.locator('#diff');
  await expect(diff.getByRole('heading', { level: 2 })).toHaveText(
    `Changes from version ${first} to version ${second}`,
  );
  const paragraph = diff.locator('.diff-section .diff-block', { has: page.locator('ins') });
  await expect(paragraph).toHaveCount(1);
  await expect(paragraph.locator('del')).toHaveText('[deleted: brisk]');
  await expect(paragraph.locator('ins')).toHaveText('[inserted: slow]');
  await expect(paragraph).toContainText('The escape was');
  await expect(paragraph).toContainText('and clever.');

  // Restore the first save: a new version on top, every earlier one still listed.
  const before = await listedVersions(page);
  await page.getByRole('button', { name: `Restore this version (version ${first})` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored from version' })).toHaveText(
    `Restored from version ${first}: saved as version ${second + 1}.`,
  );
  const after = await listedVersions(page);
  expect(after).toEqual([second + 1, ...before]);
  const top = page.locator('.history-table tbody > tr').first();
  await expect(top).toContainText('Restored');
  await expect(top).toContainText(`Restored from version ${first}`);

  // By default the newest version is compared with the one before: the restore undid "slow".
  const restoredDiff = page.locator('#diff .diff-section .diff-block', {
    has: page.locator('ins'),
  });
  await expect(restoredDiff.locator('ins')).toHaveText('[inserted: brisk]');
  await expect(restoredDiff.locator('del')).toHaveText('[deleted: slow]');

  // The editor now holds the restored words.
  await page.getByRole('link', { name: 'Back to the editor' }).click();
  await expect(sectionBody(page, 1)).toHaveText('The escape was brisk and clever.');
});

test('bad comparison parameters get a message, not an error page', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill(`Params ${Date.now()}`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  const reviewId = await savedReviewId(page);
  await expect(savedStatus(page)).toBeVisible();

  const response = await page.goto(`/admin/reviews/${reviewId}/history?from=abc&to=99`);
  expect(response?.status()).toBe(200);
  await expect(page.locator('.form-message.error')).toContainText('“abc” is not a version number.');

  await page.goto(`/admin/reviews/${reviewId}/history?from=1&to=99`);
  await expect(page.locator('.form-message.error')).toContainText('This review has no version 99');

  expect((await page.request.get('/admin/reviews/999999999/history')).status()).toBe(404);
});
