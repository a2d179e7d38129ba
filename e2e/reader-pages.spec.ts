import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support/accounts';
import { savedReviewId, sectionBody } from './support/editor';

// The reader site beyond the review page itself: genre, person and about pages, the table of
// contents, spoilers, caching headers, and publishing reaching readers within seconds.

test('the review page has contents, a rating, linked facts and related reviews', async ({
  page,
}) => {
  await page.goto('/reviews/escape-2024');
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await expect(contents.getByRole('link')).toHaveCount(8);
  await contents.getByRole('link', { name: 'Final Thoughts' }).click();
  await expect(page).toHaveURL(/#final-thoughts$/);
  await expect(page.getByRole('region', { name: 'Final Thoughts' })).toBeInViewport();

  const facts = page.getByRole('complementary', { name: 'Escape' });
  await facts.getByRole('link', { name: 'Lee Jong-pil' }).click();
  await expect(page).toHaveURL(/\/people\/lee-jong-pil$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lee Jong-pil' })).toBeVisible();
  await expect(page.getByText('Director', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: /Escape \(2024\): A Gripping Tale/ }).click();

  await page
    .getByRole('complementary', { name: 'Escape' })
    .getByRole('link', { name: 'Thriller' })
    .click();
  await expect(page).toHaveURL(/\/genres\/thriller$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Thriller' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Escape \(2024\)/ })).toBeVisible();
});

test('reader pages are served from the cache with headers a CDN can use', async ({ request }) => {
  const paths = [
    '/',
    '/reviews/escape-2024',
    '/genres/thriller',
    '/people/lee-jong-pil',
    // A search for words is a cached page per query and page, at the address readers typed.
    '/search?q=Lee%20Jong-pil',
    '/search?q=escape&page=1',
  ];
  for (const path of paths) {
    await request.get(path);
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['cache-control'], path).toMatch(
      /s-maxage=\d+, stale-while-revalidate=\d+/,
    );
    expect(response.headers()['x-nextjs-cache'], path).toMatch(/HIT|STALE/);
  }
  // A query that cannot travel in a path segment is still answered, rendered per request.
  const odd = await request.get('/search?q=AC%2FDC%3F');
  expect(odd.status()).toBe(200);
  expect(await odd.text()).toContain('AC/DC?');
  const about = await request.get('/about');
  expect(about.status()).toBe(200);
  expect(await about.text()).toContain('About ');
});

test('unknown genres, people and pages are 404s', async ({ request }) => {
  for (const path of ['/genres/no-such-genre', '/people/nobody-at-all', '/page/abc', '/page/999']) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

/** Creates a complete review with one spoiler section, saved as a draft. Returns its slug. */
async function draftReview(page: Page, title: string): Promise<{ slug: string; id: string }> {
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill(`${title}: reviewed`);
  await page.getByLabel('Dek').fill(`The dek of ${title}.`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Year').fill('2022');
  await page.getByLabel('Genres').fill('Reader Test Genre');
  await page.getByRole('button', { name: 'Add a credit' }).click();
  await page.getByLabel('Person 1', { exact: true }).fill(`Director of ${title}`);
  await sectionBody(page, 1).click();
  await page.keyboard.type(`The plot of ${title}.`);
  await page.getByLabel('Spoilers', { exact: false }).nth(7).check();
  await sectionBody(page, 8).click();
  await page.keyboard.type(`The twist ending of ${title}.`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  const id = await savedReviewId(page);
  return { slug: await page.getByLabel('Slug').inputValue(), id };
}

test('a draft is visible nowhere public; published, it appears within seconds, and goes again', async ({
  page,
  request,
}) => {
  await signIn(page, ADMIN);
  const title = `Leakcheck ${Date.now()}`;
  const { slug, id } = await draftReview(page, title);
  const personSlug = `director-of-${title.toLowerCase().replace(' ', '-')}`;

  // Warm the caches first, so a stale cached page would show.
  const publicPaths = [
    '/',
    `/reviews/${slug}`,
    '/genres/reader-test-genre',
    `/people/${personSlug}`,
  ];
  for (const path of publicPaths) await request.get(path);
  expect((await request.get(`/reviews/${slug}`)).status()).toBe(404);
  expect(await (await request.get('/')).text()).not.toContain(title);
  expect((await request.get(`/people/${personSlug}`)).status()).toBe(404);
  expect((await request.get('/genres/reader-test-genre')).status()).toBe(404);

  await page.goto(`/admin/reviews/${id}`);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
  const published = Date.now();
  await expect
    .poll(async () => (await request.get(`/reviews/${slug}`)).status(), { timeout: 5_000 })
    .toBe(200);
  await expect
    .poll(async () => (await request.get('/')).text(), { timeout: 5_000 })
    .toContain(title);
  expect(Date.now() - published).toBeLessThan(5_000);
  expect(await (await request.get(`/people/${personSlug}`)).text()).toContain(title);
  expect(await (await request.get('/genres/reader-test-genre')).text()).toContain(title);

  // The spoiler section is folded behind a control that works without JavaScript.
  await page.goto(`/reviews/${slug}`);
  const spoiler = page.locator('details.spoiler');
  await expect(spoiler).toHaveCount(1);
  await expect(spoiler).not.toHaveAttribute('open', '');
  await expect(page.getByText(`The twist ending of ${title}.`)).toBeHidden();
  await spoiler.getByText('Show spoilers').click();
  await expect(page.getByText(`The twist ending of ${title}.`)).toBeVisible();

  await page.goto(`/admin/reviews/${id}`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Unpublished' })).toBeVisible();
  await expect
    .poll(async () => (await request.get(`/reviews/${slug}`)).status(), { timeout: 5_000 })
    .toBe(404);
  expect(await (await request.get('/')).text()).not.toContain(title);
  expect((await request.get(`/people/${personSlug}`)).status()).toBe(404);
});
