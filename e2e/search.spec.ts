import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support/accounts';
import { savedReviewId, sectionBody } from './support/editor';

const HEADLINE = 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival';

/** The reader search page for `q` (and `extra` query string), checked to be a 200 page. */
async function openSearch(page: Page, q: string, extra = '') {
  const response = await page.goto(`/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response?.status(), `status for ${JSON.stringify(q.slice(0, 40))}`).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
}

/** Reads /search for `q` over HTTP and tells whether a result links to the review at `slug`. */
async function searchFinds(page: Page, q: string, slug: string): Promise<boolean> {
  const response = await page.request.get(`/search?q=${encodeURIComponent(q)}`);
  expect(response.status()).toBe(200);
  return (await response.text()).includes(`href="/reviews/${slug}"`);
}

test('finds the sample review by a word of its text, with the words highlighted', async ({
  page,
}) => {
  await page.goto('/search');
  await expect(page.getByText('Type a word to search the reviews')).toBeVisible();
  const box = page.getByRole('searchbox', { name: 'Search reviews' });
  await box.fill('Gyu-nam');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=Gyu-nam$/);
  // The form keeps what was typed.
  await expect(page.getByRole('searchbox', { name: 'Search reviews' })).toHaveValue('Gyu-nam');
  await expect(page.getByText(/^\d+ reviews? match(es)? “Gyu-nam”/)).toBeVisible();
  await expect(page).toHaveTitle(/^Search: Gyu-nam/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);

  const result = page
    .getByRole('article')
    .filter({ has: page.getByRole('link', { name: HEADLINE }) });
  await expect(result.getByRole('link', { name: HEADLINE })).toHaveAttribute(
    'href',
    '/reviews/escape-2024',
  );
  await expect(result.getByText('Escape (2024) · Film')).toBeVisible();
  const marks = result.locator('mark');
  expect(await marks.count()).toBeGreaterThan(0);
  for (const mark of await marks.allTextContents())
    expect(mark.toLowerCase()).toMatch(/^(gyu|nam)/);

  await result.getByRole('link', { name: HEADLINE }).click();
  await expect(page).toHaveURL(/\/reviews\/escape-2024$/);
});

test('the header search box leads to the results', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('search', { name: 'Site' }).getByRole('searchbox', { name: 'Search' });
  await box.fill('Escape');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=Escape$/);
  await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
});

test('finds the sample review by a person', async ({ page }) => {
  await openSearch(page, 'Lee Jong-pil');
  await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
  await expect(page.getByText(/^\d+ reviews? match(es)? “Lee Jong-pil”/)).toBeVisible();
});

test('any query gives a page, never an error', async ({ page }) => {
  const queries = [
    '"',
    '*',
    'AND',
    'NEAR(',
    'col:term',
    '😀',
    '🎬 Escape',
    '<script>alert(1)</script>',
    'x'.repeat(1000),
    'escape '.repeat(150),
  ];
  for (const q of queries) {
    await openSearch(page, q);
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText(/error|exception/i);
    // Something helpful is said: results, no results, or nothing to search for.
    await expect(
      page.getByText(/review(s)? match|No reviews match|nothing to search for/),
    ).toBeVisible();
  }
  // Odd addresses: repeated parameters, bad page numbers, a stray percent sign.
  for (const extra of ['&q=again', '&page=abc', '&page=-3', '&page=1e9', '&page=99', '&page=']) {
    await openSearch(page, 'Escape', extra);
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
  }
  expect((await page.request.get('/search?q=%')).status()).toBe(200);
  expect((await page.request.get('/search?q[]=a&page[]=2')).status()).toBe(200);
  // Typed text is shown as text, never as markup.
  await openSearch(page, '<b>bold</b>');
  await expect(page.locator('main b')).toHaveCount(0);
  await expect(page.getByText('“<b>bold</b>”', { exact: false })).toBeVisible();
});

test('a draft is not found; once published it is, and once unpublished it is gone', async ({
  page,
}) => {
  const word = `searchable${Date.now()}${Math.random().toString(36).slice(2, 7)}`;
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  const title = `Findable ${Date.now()}`;
  await page.getByLabel('Headline').fill(`${title}: a search test`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Year').fill('2022');
  await sectionBody(page, 1).click();
  await page.keyboard.type(`A paragraph with the word ${word} in it.`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  const id = await savedReviewId(page);
  const slug = await page.getByLabel('Slug').inputValue();

  // A draft: not found.
  expect(await searchFinds(page, word, slug)).toBe(false);
  const reader = await page.context().newPage();
  await openSearch(reader, word);
  await expect(reader.getByText(`No reviews match “${word}”`)).toBeVisible();

  // Published: found within 5 seconds, with the word highlighted.
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
  await expect.poll(() => searchFinds(page, word, slug), { timeout: 5_000 }).toBe(true);
  await openSearch(reader, word);
  await expect(reader.getByText(`1 review matches “${word}”`)).toBeVisible();
  await expect(reader.getByRole('link', { name: `${title}: a search test` })).toBeVisible();
  await expect(reader.locator('mark')).toHaveText([word]);

  // Unpublished: gone again.
  await page.goto(`/admin/reviews/${id}`);
  await page.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Unpublished' })).toBeVisible();
  await expect.poll(() => searchFinds(page, word, slug), { timeout: 5_000 }).toBe(false);
  await openSearch(reader, word);
  await expect(reader.getByText(`No reviews match “${word}”`)).toBeVisible();
});

test('the search page has no accessibility violations, in light and dark mode', async ({
  page,
}) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const q of ['', 'Gyu-nam', '😀', 'nothingmatchesthis']) {
      await openSearch(page, q);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
        `${colorScheme} ${q}`,
      ).toEqual([]);
    }
  }
});
