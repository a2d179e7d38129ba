import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { ADMIN, addWriterAndEditor, signIn } from './support/accounts';
import {
  canvasText,
  caretHeading,
  savedReviewId,
  sectionBody,
  sectionHeadings,
  sectionStart,
} from './support/editor';

/** Fills the fields a publishable review needs. */
async function fillBasics(page: Page, title: string, year: string) {
  await page.getByLabel('Headline').fill(`${title}: a test review`);
  await page.getByLabel('Dek').fill(`A short standfirst about ${title}.`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Year').fill(year);
}

test('an editor writes a review from scratch with formatting and publishes it', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  // An image in the media library to use in the review.
  const still = `Still ${Date.now()}`;
  await page.goto('/admin/media');
  const png = await sharp({
    create: { width: 640, height: 360, channels: 3, background: '#2b6cb0' },
  })
    .png()
    .toBuffer();
  await page
    .getByLabel('Image', { exact: true })
    .setInputFiles({ name: 'still.png', mimeType: 'image/png', buffer: png });
  await page.getByLabel('Alt text').fill(still);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('img', { name: still })).toBeVisible();

  await page.goto('/admin');
  await page.getByRole('link', { name: 'New review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New review' })).toBeVisible();
  // The eight standard sections are there, empty.
  await expect(sectionHeadings(page)).toHaveCount(8);

  const title = `Formatted ${Date.now()}`;
  await fillBasics(page, title, '2023');
  await expect(page.getByLabel('Slug')).toHaveValue(new RegExp(`^formatted-\\d+-2023$`));
  const slug = await page.getByLabel('Slug').inputValue();

  await page.getByRole('button', { name: 'Add a credit' }).click();
  await page.getByLabel('Person 1', { exact: true }).fill('Bong Joon-ho');
  await page.getByRole('button', { name: 'Add a credit' }).click();
  await page.getByLabel('Person 2', { exact: true }).fill('Song Kang-ho');
  await page.getByLabel('Character', { exact: true }).fill('Ki-taek');

  const body = sectionBody(page, 1);
  await body.click();
  await page.keyboard.type('Plain, ');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type('bold');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type(' and ');
  await page.keyboard.press('ControlOrMeta+i');
  await page.keyboard.type('italic');
  await page.keyboard.press('ControlOrMeta+i');
  await page.keyboard.type(' and ');
  await page.keyboard.type('a link');
  for (let i = 0; i < 'a link'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.getByRole('button', { name: 'Link' }).first().click();
  await page.getByLabel('Link address').fill('https://example.com/more');
  await page.getByLabel('Link address').press('Enter');
  await expect(body.getByRole('link', { name: 'a link' })).toBeVisible();
  // Back in the text, at the end of the paragraph, wherever the focus was.
  await body.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Bullet list' }).first().click();
  await page.keyboard.type('First point');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second point');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');

  // An image from the library, with its alt text, and the same image as the poster.
  await page.getByRole('button', { name: 'Image', exact: true }).first().click();
  await page
    .getByRole('dialog', { name: 'Choose an image' })
    .first()
    .getByRole('button', { name: still })
    .click();
  // The alt text is asked in place, not by a browser prompt; it is required.
  const alt = page.getByLabel('Alt text for this image');
  await alt.fill('');
  await alt.press('Enter');
  await expect(page.getByText('Alt text is required: describe the image.')).toBeVisible();
  await alt.fill('A blue still from the film');
  await alt.press('Enter');
  await expect(alt).toHaveCount(0);
  await page.getByRole('button', { name: 'Choose a poster' }).click();
  await page
    .getByRole('dialog', { name: 'Choose an image' })
    .last()
    .getByRole('button', { name: still })
    .click();
  await expect(page.getByRole('img', { name: 'The chosen poster' })).toBeVisible();

  await page.getByRole('button', { name: 'Save draft' }).click();
  await savedReviewId(page);
  await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();

  // Not public yet.
  expect((await page.request.get(`/reviews/${slug}`)).status()).toBe(404);

  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();

  await page.goto(`/reviews/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title}: a test review`);
  const plot = page.getByRole('region', { name: 'Plot Summary' });
  await expect(plot.locator('strong')).toHaveText('bold');
  await expect(plot.locator('em')).toHaveText('italic');
  await expect(plot.getByRole('link', { name: 'a link' })).toHaveAttribute(
    'href',
    'https://example.com/more',
  );
  await expect(plot.getByRole('listitem')).toHaveText(['First point', 'Second point']);
  await expect(page.locator('.cast-list li')).toHaveText(['Song Kang-ho as Ki-taek']);
  const image = plot.getByRole('img', { name: 'A blue still from the film' });
  await expect(image).toHaveAttribute('src', /^\/media\/\d+\/1280\.webp$/);
  expect((await page.request.get((await image.getAttribute('src'))!)).status()).toBe(200);
  await expect(page.getByRole('img', { name: `Poster for ${title}` })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('link', { name: `${title}: a test review` })).toBeVisible();
});

test('publishing is refused with a checklist until the review is complete', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill(`Incomplete ${Date.now()}`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await savedReviewId(page);
  await page.getByRole('button', { name: 'Publish now' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'cannot be published yet' });
  await expect(alert.getByRole('listitem')).toHaveText([
    'Add the title of the work.',
    'Add the year of the work.',
    'Write at least one section.',
  ]);
});

test('a writer submits a review and an editor publishes it', async ({ page, browser }) => {
  const { writer, editor } = await addWriterAndEditor(browser, {
    writer: 'Wren Writer',
    editor: 'Ed Itor',
  });
  await signIn(page, writer);
  await page.getByRole('link', { name: 'New review' }).click();
  const title = `Submitted ${Date.now()}`;
  await fillBasics(page, title, '2021');
  await sectionBody(page, 1).click();
  await page.keyboard.type('A writer’s first paragraph.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const editUrl = `/admin/reviews/${await savedReviewId(page)}`;
  // Writers cannot publish.
  await expect(page.getByRole('button', { name: 'Publish now' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Status: In review')).toBeVisible();
  // Submitted: read-only for the writer, who is told why; nothing is "unsaved".
  const readOnly = async () => {
    await expect(page.getByRole('note')).toContainText(
      'You submitted this review: it is read-only',
    );
    await expect(page.getByRole('button', { name: 'Save draft' })).toBeDisabled();
    await expect(page.getByLabel('Headline')).toBeDisabled();
    await expect(page.getByLabel('Title', { exact: true })).toBeDisabled();
    await expect(canvasText(page)).toHaveAttribute('contenteditable', 'false');
    await expect(page.getByRole('button', { name: 'Add a section' })).toBeDisabled();
    await expect(page.getByText('Unsaved changes')).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Read-only' })).toBeVisible();
  };
  await readOnly();
  await page.reload();
  await readOnly();
  // Leaving asks nothing: there is nothing of the writer's to lose.
  let asked = false;
  page.on('dialog', async (dialog) => {
    asked = true;
    await dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Reviews', exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  expect(asked).toBe(false);

  const editorContext = await browser.newContext();
  const editorPage = await editorContext.newPage();
  await signIn(editorPage, editor);
  await editorPage.getByLabel('Status').selectOption('in_review');
  await editorPage.getByRole('button', { name: 'Filter' }).click();
  await editorPage.getByRole('link', { name: `${title}: a test review` }).click();
  await expect(editorPage).toHaveURL(editUrl);
  await editorPage.getByRole('button', { name: 'Publish now' }).click();
  await expect(editorPage.getByText('Status: Published')).toBeVisible();
  const slug = await editorPage.getByLabel('Slug').inputValue();
  expect((await editorPage.request.get(`/reviews/${slug}`)).status()).toBe(200);
  await editorContext.close();
});

test('a changed slug keeps the old address working with a permanent redirect', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  const title = `Renamed ${Date.now()}`;
  await fillBasics(page, title, '2020');
  await sectionBody(page, 1).click();
  await page.keyboard.type('Text.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await savedReviewId(page);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByText('Status: Published')).toBeVisible();
  const oldSlug = await page.getByLabel('Slug').inputValue();

  await page.getByLabel('Slug').fill(`${oldSlug}-new`);
  await page.getByRole('button', { name: 'Publish changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();

  // The first answer is rendered, the second replayed from the cache: both say it once
  // (a cached redirect repeated its Location: vercel/next.js#82117).
  for (const attempt of ['rendered', 'cached']) {
    const response = await page.request.get(`/reviews/${oldSlug}`, { maxRedirects: 0 });
    expect(response.status(), attempt).toBe(308);
    const locations = response.headersArray().filter((h) => h.name.toLowerCase() === 'location');
    expect(locations, attempt).toHaveLength(1);
    expect(new URL(locations[0]!.value, page.url()).pathname).toBe(`/reviews/${oldSlug}-new`);
  }
  expect((await page.request.get(`/reviews/${oldSlug}`)).url()).toMatch(
    new RegExp(`/reviews/${oldSlug}-new$`),
  );
});

test('leaving the editor with unsaved changes asks first', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill('Something not saved');
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Users' }).click();
  expect(asked).toContain('unsaved changes');
  await expect(page).toHaveURL(/\/admin\/reviews\/new$/);
  await expect(page.getByLabel('Headline')).toHaveValue('Something not saved');
});

test('a review scheduled a minute ahead appears on its own, and a draft never shows publicly', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  const title = `Scheduled ${Date.now()}`;
  await fillBasics(page, title, '2019');
  await sectionBody(page, 1).click();
  await page.keyboard.type('Coming soon.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await savedReviewId(page);
  const slug = await page.getByLabel('Slug').inputValue();

  // A draft is not public: its URL is a 404 and the home page does not list it.
  expect((await page.request.get(`/reviews/${slug}`)).status()).toBe(404);
  expect(await (await page.request.get('/')).text()).not.toContain(title);

  // One minute ahead, in the browser's local time, as the datetime-local field expects.
  const inAMinute = await page.evaluate(() => {
    const at = new Date(Date.now() + 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  });
  await page.getByLabel('Publish at').fill(inAMinute);
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(page.getByText('Status: Scheduled')).toBeVisible();
  expect((await page.request.get(`/reviews/${slug}`)).status()).toBe(404);

  // Nobody does anything now: the server publishes it when the time comes.
  await expect
    .poll(async () => (await page.request.get(`/reviews/${slug}`)).status(), {
      timeout: 120_000,
      intervals: [5_000],
    })
    .toBe(200);
  // The home page is expired with it; the first request after may still get the page being
  // regenerated (stale-while-revalidate), the next the new one.
  await expect
    .poll(async () => (await page.request.get('/')).text(), { timeout: 30_000 })
    .toContain(title);
});

test('an editor requests changes; the writer sees the note, revises and submits again', async ({
  page,
  browser,
}) => {
  const { writer, editor } = await addWriterAndEditor(browser, {
    writer: `Rae Revise ${Date.now()}`,
    editor: `Eve Editor ${Date.now()}`,
  });
  await signIn(page, writer);
  await page.goto('/admin/reviews/new');
  const title = `Sent back ${Date.now()}`;
  await fillBasics(page, title, '2022');
  await sectionBody(page, 1).click();
  await page.keyboard.type('A first try.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const editUrl = `/admin/reviews/${await savedReviewId(page)}`;
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Status: In review')).toBeVisible();
  // Writers cannot send anything back.
  await expect(page.getByRole('button', { name: 'Request changes…' })).toHaveCount(0);

  const editorContext = await browser.newContext();
  const editorPage = await editorContext.newPage();
  await signIn(editorPage, editor);
  await editorPage.goto(editUrl);
  await editorPage.getByRole('button', { name: 'Request changes…' }).click();
  const note = editorPage.getByRole('textbox', { name: /What should change\?/ });
  await note.fill('The plot section gives away the ending: mark it as a spoiler.');
  await editorPage.getByRole('button', { name: 'Send back to the writer' }).click();
  await expect(editorPage.getByText('Sent back to the writer with your note.')).toBeVisible();
  await expect(editorPage.getByText('Status: Draft')).toBeVisible();

  // The writer sees the note at the top, and may edit again.
  await page.goto(editUrl);
  const request = page.getByRole('region', { name: 'Changes requested' });
  await expect(request).toContainText('The plot section gives away the ending');
  await expect(request).toContainText(editor.name);
  await expect(page.getByLabel('Headline')).toBeEnabled();
  await sectionBody(page, 1).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Revised.');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Status: In review')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Changes requested' })).toHaveCount(0);

  // History keeps the note; the audit log records who asked.
  await page.goto(`${editUrl}/history`);
  await expect(page.getByRole('region', { name: 'Changes requested' })).toContainText(
    'gives away the ending',
  );
  await editorContext.close();
});

test('long fields count near their limit; countries typed as names are kept, bad ones named', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  const title = `Limits ${Date.now()}`;
  await fillBasics(page, title, '2024');
  await expect(page.getByText(/of 300 characters/)).toHaveCount(0);
  await page.getByLabel('Headline').fill('x'.repeat(250));
  await expect(page.getByText('250 of 300 characters')).toBeVisible();
  await page.getByLabel('Headline').fill('x'.repeat(342));
  await expect(page.getByText('42 over the limit of 300 characters')).toBeVisible();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.locator('#field-headline-error')).toHaveText(
    'Use at most 300 characters; this is 342.',
  );
  await page.getByLabel('Headline').fill(`${title}: within limits`);

  // Empty template sections say they will not be published.
  await expect(page.getByText('Empty: will not be published').first()).toBeVisible();

  await page.getByLabel('Countries').fill('Frnce, Narnia');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.locator('#field-countries-error')).toHaveText(
    /^2 entries are not countries we know: “Frnce”.*; “Narnia”/,
  );
  await page.getByLabel('Countries').fill('United States, South Korea');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await savedReviewId(page);
  await expect(page.locator('#field-countries-error')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Countries')).toHaveValue('US, KR');
});

test('words and reading time show on load; adding or removing a section moves the focus there', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await fillBasics(page, `Counted ${Date.now()}`, '2024');
  await expect(page.locator('#review-length')).toHaveText('Whole review: 0 words');
  await sectionBody(page, 1).click();
  await page.keyboard.type('Six words of text, Gyu-nam’s escape.');
  await expect(page.locator('#review-length')).toHaveText('Whole review: 6 words · 1 min read');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await savedReviewId(page);
  await page.reload();
  // Counted from what was saved, before anyone types.
  await expect(sectionStart(page, 1).locator('.word-count')).toHaveText('6 words · 1 min read');
  await expect(page.locator('#review-length')).toHaveText('Whole review: 6 words · 1 min read');

  const headings = sectionHeadings(page);
  const count = await headings.count();
  await page.getByRole('button', { name: 'Add a section' }).click();
  await expect(headings).toHaveCount(count + 1);
  await expect.poll(() => caretHeading(page)).toBe('New section');
  await expect(headings.last()).toHaveText('New section');
  const before = await headings.nth(count - 1).textContent();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByLabel('Section options for “New section”').click();
  await page.getByRole('button', { name: 'Remove “New section”' }).click();
  await expect(headings).toHaveCount(count);
  await expect.poll(() => caretHeading(page)).toBe(before);
});
