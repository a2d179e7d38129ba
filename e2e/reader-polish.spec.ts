import { expect, test, type Locator } from '@playwright/test';

// What a first-time reader met: the site's icons, the header search box, a review without a
// poster, and the review's opening text on a phone's first screen.

const SAMPLE = '/reviews/escape-2024';
const HEADLINE = 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival';

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, 'a box on the page').not.toBeNull();
  return found!;
}

test('the favicon and the icons answer with images, and every page names them', async ({
  page,
  request,
}) => {
  const types: Record<string, RegExp> = {
    '/favicon.ico': /^image\/(x-icon|vnd\.microsoft\.icon)/,
    '/icon.svg': /^image\/svg\+xml/,
    '/apple-icon.png': /^image\/png/,
  };
  for (const [path, type] of Object.entries(types)) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toMatch(type);
    expect((await response.body()).length, path).toBeGreaterThan(100);
  }
  const png = await (await request.get('/apple-icon.png')).body();
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // 180 × 180, from the PNG's header.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([180, 180]);

  await page.goto(SAMPLE);
  const links = page.locator('link[rel="icon"], link[rel="apple-touch-icon"]');
  expect(await links.count()).toBeGreaterThanOrEqual(3);
  for (const href of await links.evaluateAll((nodes) =>
    nodes.map((node) => (node as HTMLLinkElement).href),
  )) {
    const response = await request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()['content-type'], href).toMatch(/^image\//);
  }
});

test('the header search box says what it is, to the eye and to screen readers', async ({
  page,
}) => {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 740 });
    await page.goto('/');
    const search = page.getByRole('search', { name: 'Site' }).getByRole('searchbox');
    await expect(search).toBeVisible();
    await expect(search).toHaveAccessibleName('Search the reviews');
    await expect(search).toHaveAttribute('placeholder', 'Search the reviews');
  }
});

test('a review without a poster shows its title and year on a poster-shaped card', async ({
  page,
}) => {
  // The sample review has no poster.
  await page.goto(SAMPLE);
  const facts = page.getByRole('complementary', { name: 'Escape' });
  await expect(facts.getByRole('img')).toHaveCount(0);
  const placeholder = facts.locator('.poster-placeholder');
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toContainText('Escape');
  await expect(placeholder).toContainText('2024');
  // Decorative: the facts box's heading already names the work.
  await expect(placeholder).toHaveAttribute('aria-hidden', 'true');
  const card = await box(placeholder);
  expect(card.height / card.width).toBeCloseTo(1.5, 1);

  // And in lists, beside the review's card.
  await page.goto('/');
  const listed = page
    .getByRole('article')
    .filter({ has: page.getByRole('link', { name: HEADLINE }) })
    .locator('.poster-placeholder');
  await expect(listed).toBeVisible();
  await expect(listed).toContainText('Escape');
  const small = await box(listed);
  expect(small.height / small.width).toBeCloseTo(1.5, 1);
});

test('on a phone the review’s opening text is on the first screen, the facts after it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(SAMPLE);
  const firstParagraph = page.getByRole('region', { name: 'Plot Summary' }).locator('p').first();
  await expect(firstParagraph).toContainText('Set in North Korea');
  const opening = await box(firstParagraph);
  expect(opening.y).toBeLessThan(740);
  const facts = await box(page.getByRole('complementary', { name: 'Escape' }));
  const contents = await box(page.getByRole('navigation', { name: 'Contents' }));
  expect(facts.y).toBeGreaterThan(opening.y);
  expect(contents.y).toBeGreaterThan(facts.y);
  // What is seen is the order of the page, so reading and Tab follow it.
  const order = await page.evaluate(() => {
    const plot = document.querySelector('.review-section p');
    const aside = document.querySelector('aside.facts');
    return plot && aside ? plot.compareDocumentPosition(aside) : 0;
  });
  expect(order & 4 /* Node.DOCUMENT_POSITION_FOLLOWING */).toBeTruthy();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // A wide screen keeps the facts box in its own column beside the text, near the top.
  await page.setViewportSize({ width: 1280, height: 800 });
  const wideText = await box(firstParagraph);
  const wideFacts = await box(page.getByRole('complementary', { name: 'Escape' }));
  expect(wideFacts.x).toBeGreaterThanOrEqual(wideText.x + wideText.width);
  expect(wideFacts.y).toBeLessThan(wideText.y);
});
