import { expect, test } from '@playwright/test';

const HEADLINE = 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival';

test('the home page lists the sample review and links to it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Latest reviews' })).toBeVisible();
  const link = page.getByRole('link', { name: HEADLINE });
  await expect(link).toHaveAttribute('href', '/reviews/escape-2024');
  await link.click();
  await expect(page).toHaveURL(/\/reviews\/escape-2024$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
});

test.describe('the sample review page', () => {
  test.beforeEach(async ({ page }) => {
    const response = await page.goto('/reviews/escape-2024');
    expect(response?.status()).toBe(200);
  });

  test('shows the eight section headings in order', async ({ page }) => {
    const headings = page.locator('.review-section > h2');
    await expect(headings).toHaveText([
      'Plot Summary',
      'Main Cast and Performances',
      'Direction and Cinematic Style',
      'Themes and Symbolism',
      'Critical Reception and Awards',
      'Cultural and Global Relevance',
      'Availability and Distribution',
      'Final Thoughts',
    ]);
  });

  test('shows the work’s facts and the cast with their characters', async ({ page }) => {
    const facts = page.getByRole('complementary', { name: 'Escape' });
    await expect(facts.getByRole('definition').filter({ hasText: 'South Korea' })).toBeVisible();
    await expect(facts.getByText('Lee Jong-pil')).toBeVisible();
    const cast = facts.locator('.cast-list li');
    await expect(cast).toHaveText([
      'Lee Je-hoon as Lim Gyu-nam',
      'Koo Kyo-hwan as Major Ri Hyun-sang',
      'Hong Xa-bin as Kim Dong-hyuk',
    ]);
    await expect(facts.getByText('Kim Seung-an and Lee Seung-bin')).toBeVisible();
    await expect(facts.getByText('Thriller and Political drama')).toBeVisible();
  });

  test('renders the rich text: paragraphs, bullet lists and bold', async ({ page }) => {
    const themes = page.getByRole('region', { name: 'Themes and Symbolism' });
    const items = themes.getByRole('list').getByRole('listitem');
    await expect(items).toHaveCount(4);
    await expect(items.first().locator('strong')).toHaveText('Freedom vs. Oppression:');
    await expect(page.getByRole('region', { name: 'Plot Summary' }).locator('p')).toHaveCount(4);
    // The repaired text reads cleanly.
    await expect(page.getByText('Gyu-nam’s childhood friend', { exact: false })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(/[βπ]/);
  });

  test('has the headline as its title', async ({ page }) => {
    await expect(page).toHaveTitle(new RegExp(`^${HEADLINE.replace(/[()]/g, '\\$&')}`));
  });
});

test('an unknown slug gives the 404 page', async ({ page }) => {
  const response = await page.goto('/reviews/no-such-review');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the latest reviews' })).toHaveAttribute(
    'href',
    '/',
  );
});

test('/api/health reports a migrated database', async ({ request }, testInfo) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  const engine = testInfo.project.name.endsWith('postgres')
    ? { engine: 'postgres', serverVersion: expect.stringMatching(/^1[5-9]/) }
    : { engine: 'sqlite', journalMode: 'wal' };
  expect(body).toMatchObject({ status: 'ok', database: { status: 'ok', ...engine } });
  // The sample review, plus whatever other tests running alongside have published.
  expect(body.database.reviews.published).toBeGreaterThanOrEqual(1);
  expect(body.database.migrations.applied).toBe(body.database.migrations.available);
});
