import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { ADMIN, signIn } from './support/accounts';
import { savedReviewId, sectionBody } from './support/editor';
import {
  removeDirectory,
  startServer,
  temporaryDirectory,
  type OwnServer,
} from './support/own-server';

// Nothing typed is lost when the server goes away mid-edit: the editor says so, keeps the
// words on the device, and offers them back after both the server and the browser restart.
// This spec runs its own server (it stops it) and a browser profile kept on disk.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;

test('edits typed while the server is down survive a server and browser restart', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const dir = temporaryDirectory('recovery');
  const profile = temporaryDirectory('profile');
  const env = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  let server: OwnServer | undefined;
  let browser: BrowserContext | undefined;
  const launch = async (origin: string) => {
    browser = await chromium.launchPersistentContext(profile, {
      ...testInfo.project.use.launchOptions,
      baseURL: origin,
    });
    return browser.pages()[0] ?? (await browser.newPage());
  };

  try {
    server = startServer({ port: PORT, dir, env });
    await server.ready();
    let page = await launch(server.origin);
    await signIn(page, ADMIN);
    await page.goto('/admin/reviews/new');
    await page.getByLabel('Headline').fill('Written through an outage');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const id = await savedReviewId(page);
    const url = `/admin/reviews/${id}`;
    const api = `/api/reviews/${id}/revisions`;
    const savedText = async () =>
      JSON.stringify((await (await page.request.get(api)).json()).content);

    await sectionBody(page, 1).click();
    await page.keyboard.type('Typed before the outage.');
    // Autosaved, without pressing Save.
    await expect.poll(savedText, { timeout: 15_000 }).toContain('Typed before the outage.');

    await server.stop();
    await sectionBody(page, 1).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed during it.');
    await page.getByLabel('Dek').fill('A dek written offline.');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Offline — changes kept on this device' }),
    ).toBeVisible({ timeout: 15_000 });

    // The browser quits too, before the server is back.
    await browser!.close();
    server = startServer({ port: PORT, dir, env });
    await server.ready();
    page = await launch(server.origin);
    await page.goto(url);
    await expect(
      page.getByRole('alert').filter({ hasText: 'not saved to the server' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Restore unsaved changes' }).click();
    await expect(sectionBody(page, 1)).toHaveText('Typed before the outage. Typed during it.');
    await expect(page.getByLabel('Dek')).toHaveValue('A dek written offline.');
    // Restored edits are saved by autosave, and the offer is not made again.
    await expect.poll(savedText, { timeout: 15_000 }).toContain('Typed during it.');
    expect(await savedText()).toContain('A dek written offline.');
    await page.reload();
    await expect(sectionBody(page, 1)).toHaveText('Typed before the outage. Typed during it.');
    await expect(page.getByRole('button', { name: 'Restore unsaved changes' })).toHaveCount(0);
  } finally {
    await browser?.close();
    await server?.stop();
    removeDirectory(dir);
    removeDirectory(profile);
  }
});
