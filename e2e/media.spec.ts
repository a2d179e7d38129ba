import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { ADMIN, signIn } from './support/accounts';

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
