import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { ADMIN, signIn } from './support/accounts';

test('staff upload an image to the media library, and a non-image named .png is refused', async ({
  page,
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
