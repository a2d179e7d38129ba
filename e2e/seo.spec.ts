import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SITE_NAME } from '../lib/site';
import { ADMIN, signIn } from './support/accounts';
import { savedReviewId, sectionBody } from './support/editor';

// Feeds, sitemap, robots.txt, metadata and structured data, as a crawler and a feed reader
// see them; and editor-typed text that looks like markup, escaped everywhere it goes.

const SAMPLE = '/reviews/escape-2024';
const SAMPLE_HEADLINE = 'Escape (2024): A Gripping Tale of Freedom, Brotherhood, and Survival';
const SAMPLE_DEK_START = 'Escape (2024), directed by Lee Jong-pil, is a tense';

type RssItem = { title: string; link: string; description: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'item' || name === 'url',
});

/** Fetches XML, checks it is well-formed and parses it. */
async function getXml(request: APIRequestContext, path: string, type: RegExp) {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(type);
  expect(response.headers()['cache-control']).toMatch(/s-maxage=\d+/);
  const text = await response.text();
  expect(XMLValidator.validate(text)).toBe(true);
  return { text, xml: parser.parse(text) as Record<string, unknown> };
}

async function feedItems(request: APIRequestContext) {
  const { text, xml } = await getXml(request, '/feed.xml', /^application\/rss\+xml/);
  const items = (xml['rss'] as { channel: { item?: RssItem[] } }).channel.item ?? [];
  return { text, items };
}

async function sitemapLocs(request: APIRequestContext) {
  const { xml } = await getXml(request, '/sitemap.xml', /^application\/xml/);
  const urls = (xml['urlset'] as { url?: Array<{ loc: string; lastmod?: string }> }).url ?? [];
  return urls;
}

async function meta(page: Page, selector: string): Promise<string | null> {
  return page.locator(selector).first().getAttribute('content');
}

async function jsonLd(page: Page): Promise<Record<string, unknown>> {
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  const review = scripts
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .find((data) => data['@type'] === 'Review');
  expect(review, 'a Review in JSON-LD').toBeTruthy();
  return review!;
}

/** Starts a review in the editor with its headline, work title and year; the dek stays empty. */
async function startReview(page: Page, fields: { headline: string; title: string; year: string }) {
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill(fields.headline);
  await page.getByLabel('Title', { exact: true }).fill(fields.title);
  await page.getByLabel('Year').fill(fields.year);
}

async function saveAndPublish(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Save draft' }).click();
  await savedReviewId(page);
  const slug = await page.getByLabel('Slug').inputValue();
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
  return slug;
}

test('the sample review page has its canonical URL, Open Graph tags and JSON-LD', async ({
  page,
}) => {
  await page.goto(SAMPLE);
  const origin = new URL(page.url()).origin;

  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${origin}${SAMPLE}`);
  const description = await meta(page, 'meta[name="description"]');
  expect(description).toMatch(new RegExp(`^${SAMPLE_DEK_START.replace(/[()]/g, '\\$&')}`));
  expect(await meta(page, 'meta[property="og:title"]')).toBe(SAMPLE_HEADLINE);
  expect(await meta(page, 'meta[property="og:description"]')).toBe(description);
  expect(await meta(page, 'meta[property="og:type"]')).toBe('article');
  expect(await meta(page, 'meta[property="og:url"]')).toBe(`${origin}${SAMPLE}`);
  expect(await meta(page, 'meta[property="article:published_time"]')).toMatch(/^\d{4}-/);
  expect(await meta(page, 'meta[name="twitter:card"]')).toBe('summary_large_image');

  // No poster: the generated image, an absolute URL that answers with a PNG.
  const image = await meta(page, 'meta[property="og:image"]');
  expect(image).toMatch(new RegExp(`^${origin}${SAMPLE}/opengraph-image`));
  expect(await meta(page, 'meta[property="og:image:width"]')).toBe('1200');
  const png = await page.request.get(image!);
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');
  expect((await png.body()).subarray(1, 4).toString()).toBe('PNG');

  const data = await jsonLd(page);
  expect(data).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'Review',
    name: SAMPLE_HEADLINE,
    url: `${origin}${SAMPLE}`,
    description,
    author: { '@type': 'Organization' },
    publisher: { '@type': 'Organization' },
    itemReviewed: {
      '@type': 'Movie',
      name: 'Escape',
      dateCreated: '2024',
      director: [{ '@type': 'Person', name: 'Lee Jong-pil' }],
      actor: [
        { '@type': 'Person', name: 'Lee Je-hoon' },
        { '@type': 'Person', name: 'Koo Kyo-hwan' },
        { '@type': 'Person', name: 'Hong Xa-bin' },
      ],
    },
  });
  // Google's requirements: a named item, an author name under 100 characters, dates.
  expect((data.author as { name: string }).name.length).toBeGreaterThan(0);
  expect((data.author as { name: string }).name.length).toBeLessThan(100);
  expect(Date.parse(data.datePublished as string)).not.toBeNaN();
  expect(Date.parse(data.dateModified as string)).not.toBeNaN();
  // The sample has no rating, so no reviewRating.
  expect(data).not.toHaveProperty('reviewRating');
});

test('the sitemap lists the published pages and robots.txt names it', async ({ request }) => {
  const urls = await sitemapLocs(request);
  const locs = urls.map((url) => new URL(url.loc).pathname);
  expect(locs).toEqual(
    expect.arrayContaining(['/', '/about', SAMPLE, '/genres/thriller', '/people/lee-jong-pil']),
  );
  const sample = urls.find((url) => url.loc.endsWith(SAMPLE));
  expect(Date.parse(sample!.lastmod!)).not.toBeNaN();
  const origin = new URL(urls[0]!.loc).origin;

  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
  expect(robots.headers()['cache-control']).toMatch(/s-maxage=\d+/);
  const lines = (await robots.text()).split('\n');
  expect(lines).toEqual(
    expect.arrayContaining([
      'User-agent: *',
      'Disallow: /admin',
      'Disallow: /api',
      `Sitemap: ${origin}/sitemap.xml`,
    ]),
  );
});

test('the feed never shows a spoiler section, and a draft appears nowhere', async ({ page }) => {
  await signIn(page, ADMIN);
  const stamp = Date.now();
  const spoiler = `SPOILER-${stamp}`;
  const lead = `Lead paragraph ${stamp} without spoilers.`;

  // The first section is a spoiler; the dek is empty, so descriptions come from the sections.
  const headline = `Spoiled ${stamp}: a test review`;
  await startReview(page, { headline, title: `Spoiled ${stamp}`, year: '2022' });
  await page.getByRole('checkbox', { name: 'Spoilers' }).first().check();
  await sectionBody(page, 1).click();
  await page.keyboard.type(`${spoiler} the hero dies at the end.`);
  await sectionBody(page, 2).click();
  await page.keyboard.type(lead);
  const slug = await saveAndPublish(page);

  const { text, items } = await feedItems(page.request);
  expect(items.length).toBeGreaterThanOrEqual(2);
  expect(items.length).toBeLessThanOrEqual(30);
  const item = items.find((entry) => entry.title === headline);
  expect(item?.link).toMatch(new RegExp(`^https?://[^/]+/reviews/${slug}$`));
  expect(item?.description).toBe(`<p>${lead}</p>`);
  // The sample's excerpt starts with its dek (when it is still among the newest 30).
  const sample = items.find((entry) => entry.title === SAMPLE_HEADLINE);
  if (sample) expect(sample.description).toContain(`<p>${SAMPLE_DEK_START}`);
  expect(text).not.toContain(spoiler);

  // Nor does the page's metadata or structured data quote it.
  await page.goto(`/reviews/${slug}`);
  expect(await meta(page, 'meta[name="description"]')).toBe(lead);
  expect(await meta(page, 'meta[property="og:description"]')).toBe(lead);
  expect((await jsonLd(page)).description).toBe(lead);
  const head = await page.locator('head').innerHTML();
  expect(head).not.toContain(spoiler);
  const image = await meta(page, 'meta[property="og:image"]');

  // A draft: saved, never published.
  const draftHeadline = `Unpublished ${stamp}: a test review`;
  await startReview(page, { headline: draftHeadline, title: `Unpublished ${stamp}`, year: '2021' });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await savedReviewId(page);
  const draftSlug = await page.getByLabel('Slug').inputValue();

  const after = await feedItems(page.request);
  expect(after.text).not.toContain(draftHeadline);
  expect(after.text).not.toContain(draftSlug);
  const locs = (await sitemapLocs(page.request)).map((url) => url.loc);
  expect(locs.some((loc) => loc.endsWith(`/reviews/${slug}`))).toBe(true);
  expect(locs.some((loc) => loc.includes(draftSlug))).toBe(false);
  // The same image address for the draft's slug does not exist.
  const draftImage = new URL(image!);
  draftImage.pathname = draftImage.pathname.replace(`/reviews/${slug}/`, `/reviews/${draftSlug}/`);
  expect(draftImage.pathname).toContain(draftSlug);
  expect((await page.request.get(draftImage.href)).status()).toBe(404);
  expect((await page.request.get(image!)).status()).toBe(200);
});

test('text that looks like markup is shown escaped everywhere and never runs', async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  const stamp = Date.now();

  // Plain-text fields refuse tags (lib/content/review-content.ts), but what they let through
  // can still look like markup, and rich text holds any characters.
  const headline = `Fish & "chips" <3 </script <!-- ${stamp}`;
  const text = `<script>alert(1)</script> & <img src=x onerror=alert(2)> ${stamp}`;
  await startReview(page, { headline, title: `Fish & chips ${stamp}`, year: '2020' });
  await sectionBody(page, 1).click();
  await page.keyboard.type(text);
  const slug = await saveAndPublish(page);
  // A headline that is a tag is refused outright.
  await page.getByLabel('Headline').fill('<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(/Remove the HTML markup/).first()).toBeVisible();

  const context = await browser.newContext();
  const reader = await context.newPage();
  const dialogs: string[] = [];
  reader.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const response = await reader.goto(`/reviews/${slug}`);
  expect(response?.status()).toBe(200);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(reader.getByRole('region', { name: 'Plot Summary' })).toContainText(text);
  expect(await reader.title()).toBe(`${headline} · ${SITE_NAME}`);
  expect(await meta(reader, 'meta[name="description"]')).toBe(text);
  expect(await meta(reader, 'meta[property="og:title"]')).toBe(headline);
  expect(await meta(reader, 'meta[property="og:description"]')).toBe(text);
  expect(await meta(reader, 'meta[name="twitter:title"]')).toBe(headline);
  const data = await jsonLd(reader);
  expect(data.headline).toBe(headline);
  expect(data.name).toBe(headline);
  expect(data.description).toBe(text);
  // The HTML as sent: no tag from the review survived unescaped.
  const html = await response!.text();
  expect(html).not.toContain('<script>alert(1)');
  expect(html).not.toContain('<img src=x');
  expect(html).not.toContain('</script <!--');

  // Its generated share image draws the headline.
  const image = await reader.request.get((await meta(reader, 'meta[property="og:image"]'))!);
  expect(image.status()).toBe(200);

  // In the feed the title is exactly the headline, and the description (HTML) holds the text
  // escaped, so a feed reader shows "<script>" instead of running it.
  const feed = await feedItems(reader.request);
  const item = feed.items.find((entry) => entry.title === headline);
  expect(item?.description).toBe(
    `<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; ${stamp}</p>`,
  );
  expect(feed.text).not.toContain('<script>alert(1)');
  expect(feed.text).not.toContain('<img src=x');

  await reader.reload();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(headline);
  expect(dialogs).toEqual([]);
  await context.close();
});
