import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { ADMIN, signIn } from './support/accounts';
import { savedReviewId, savedStatus } from './support/editor';

test('staff upload an image to the media library, and a non-image named .png is refused', async ({
  page,
  request,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Media' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const png = await sharp({
    create: { width: 800, height: 450, channels: 3, background: '#8a2be2' },
  })
    .png()
    .toBuffer();
  await page
    .getByLabel('Image', { exact: true })
    .setInputFiles({ name: 'still.png', mimeType: 'image/png', buffer: png });
  await page.getByLabel('Alt text').fill('A purple film still');
  await page.getByRole('button', { name: 'Upload' }).click();
  const image = page.getByRole('img', { name: 'A purple film still' }).first();
  await expect(image).toBeVisible();
  const src = await image.getAttribute('src');
  expect(src).toMatch(/^\/media\/\d+\/\d+\.webp$/);
  const served = await page.request.get(src!);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/webp');
  // No published review uses it yet: staff see it, privately; to anyone else it does not exist.
  expect(served.headers()['cache-control']).toBe('private, no-store');
  const anonymous = await request.get(src!);
  expect(anonymous.status()).toBe(404);

  // A 2 KB file declaring 10,000 × 10,000 pixels is refused from its header, at once.
  const huge = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  // The IHDR chunk's width and height, and its checksum over type and data.
  huge.writeUInt32BE(10_000, 16);
  huge.writeUInt32BE(10_000, 20);
  huge.writeUInt32BE(zlib.crc32(huge.subarray(12, 29)), 29);
  await page
    .getByLabel('Image', { exact: true })
    .setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: huge });
  await page.getByLabel('Alt text').fill('A declared giant');
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#field-file-error')).toContainText('at most 25 megapixels');

  await page.getByLabel('Image', { exact: true }).setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('just some text, not an image'),
  });
  await page.getByLabel('Alt text').fill('Not really an image');
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#field-file-error')).toHaveText(
    'This file is not a JPEG, PNG, WebP or AVIF image.',
  );
});

test('an image’s page: its details and alt text, where it is used, and deleting it once unused', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
  const stamp = Date.now();
  const fileName = `detail-${stamp}.png`;
  const png = await sharp({
    create: { width: 800, height: 450, channels: 3, background: '#1f7a5c' },
  })
    .png()
    .toBuffer();
  await page.goto('/admin/media');
  await page
    .getByLabel('Image', { exact: true })
    .setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
  await page.getByLabel('Alt text').fill(`Uploaded alt ${stamp}`);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText(`${fileName} was added to the library.`)).toBeVisible();
  // Everything fits on one page: no lone "Page 1".
  if ((await page.locator('a[href^="/admin/media/"]').count()) < 40) {
    await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
  }

  // The grid links to the image's own page.
  await page.getByRole('link', { name: fileName }).click();
  await expect(page).toHaveURL(/\/admin\/media\/\d+$/);
  const mediaId = /(\d+)$/.exec(page.url())![1]!;
  const detailUrl = `/admin/media/${mediaId}`;
  await expect(page.getByRole('heading', { level: 1, name: fileName })).toBeVisible();
  await expect(page.getByRole('img', { name: `Uploaded alt ${stamp}` })).toBeVisible();
  const facts = page.locator('dl');
  await expect(facts).toContainText('800 × 450 pixels');
  await expect(facts).toContainText('PNG');
  await expect(facts).toContainText('No: no published review shows it');
  for (const file of ['original', '320.webp', '1920.webp']) {
    await expect(page.locator(`a[href="/media/${mediaId}/${file}"]`)).toBeVisible();
  }
  await expect(page.getByText('No review uses this image.')).toBeVisible();

  // Alt text: too long is refused with its length, and what was typed stays; then saved.
  const alt = page.getByRole('textbox', { name: 'Alt text' });
  const tooLong = 'A'.repeat(342);
  await alt.fill(tooLong);
  await page.getByRole('button', { name: 'Save alt text' }).click();
  await expect(page.locator('#media-alt-error')).toHaveText(
    'Use at most 300 characters; this is 342.',
  );
  await expect(alt).toHaveAttribute('aria-describedby', /media-alt-error/);
  await expect(alt).toHaveValue(tooLong);
  const newAlt = `A green still ${stamp}`;
  await alt.fill(newAlt);
  await page.getByRole('button', { name: 'Save alt text' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Alt text saved.' })).toBeVisible();
  await page.reload();
  await expect(alt).toHaveValue(newAlt);

  // The poster of a new draft: the picker offers the image by its new alt text.
  const headline = `Poster in use ${stamp}`;
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill(headline);
  await page.getByRole('button', { name: 'Choose a poster' }).click();
  await page
    .getByRole('dialog', { name: 'Choose an image' })
    .last()
    .getByRole('button', { name: newAlt })
    .click();
  await expect(page.getByRole('img', { name: 'The chosen poster' })).toBeVisible();
  await page.getByRole('button', { name: 'Save draft' }).click();
  const reviewId = await savedReviewId(page);
  await expect(savedStatus(page)).toBeVisible();

  // Now in use: listed with its status, and a delete is refused, naming the review.
  await page.goto(detailUrl);
  const uses = page.getByRole('region', { name: 'Where it is used' });
  await expect(uses.getByRole('link', { name: headline })).toHaveAttribute(
    'href',
    `/admin/reviews/${reviewId}`,
  );
  await expect(uses).toContainText('Draft');
  await expect(uses).toContainText('As the poster');
  await page.getByRole('button', { name: 'Delete this image…' }).click();
  const confirm = page.getByRole('group', { name: `Delete ${fileName}` });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'This image is used by' });
  await expect(refusal).toContainText(`“${headline}” (Draft)`);
  await refusal.getByRole('link', { name: headline }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/reviews/${reviewId}$`));

  // Remove the poster and save; then the delete goes through.
  await page.getByRole('button', { name: 'Remove the poster' }).click();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(savedStatus(page)).toBeVisible();
  await page.goto(detailUrl);
  await expect(page.getByText('No review uses this image.')).toBeVisible();
  await page.getByRole('button', { name: 'Delete this image…' }).click();
  await page
    .getByRole('group', { name: `Delete ${fileName}` })
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await expect(page).toHaveURL(/\/admin\/media\?deleted=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'The image was deleted' })).toBeVisible();
  await expect(page.getByRole('link', { name: fileName })).toHaveCount(0);
  // Its files are gone, for staff as for anyone; so is its page.
  for (const file of ['640.webp', 'original']) {
    expect((await page.request.get(`/media/${mediaId}/${file}`)).status()).toBe(404);
    expect((await request.get(`/media/${mediaId}/${file}`)).status()).toBe(404);
  }
  expect((await page.request.get(detailUrl)).status()).toBe(404);
});
