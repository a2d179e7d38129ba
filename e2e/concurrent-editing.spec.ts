import { expect, test, type Browser } from '@playwright/test';
import { ADMIN, createUserAsAdmin, signIn, uniqueEmail } from './support/accounts';
import { savedReviewId, savedStatus, sectionBody } from './support/editor';

// Two people on the same review, each in their own browser context, as two laptops would be.

/** An admin page with a new saved review open, and an editor's page on the same review. */
async function twoEditors(browser: Browser, title: string) {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  const editor = { name: `Editor ${Date.now()}`, email: uniqueEmail('co-editor') };
  const password = 'co-editor passphrase 9';
  await createUserAsAdmin(admin, { ...editor, role: 'editor', password });
  await admin.goto('/admin/reviews/new');
  await admin.getByLabel('Headline').fill(title);
  await admin.getByRole('button', { name: 'Save draft' }).click();
  const url = `/admin/reviews/${await savedReviewId(admin)}`;
  await expect(savedStatus(admin)).toBeVisible();
  // The editor's page is the review's own page; the admin's reloads to it too.
  await admin.goto(url);

  const other = await (await browser.newContext()).newPage();
  await signIn(other, { email: editor.email, password });
  await other.goto(url);
  return { admin, other, editorName: editor.name, url };
}

test('two people who change different sections both keep their words', async ({ browser }) => {
  const { admin, other, editorName, url } = await twoEditors(browser, `Different ${Date.now()}`);

  // Presence: each sees the other (the admin within a heartbeat).
  await expect(other.getByText('Also editing: Administrator')).toBeVisible();
  await expect(admin.getByText(`Also editing: ${editorName}`)).toBeVisible({ timeout: 20_000 });

  await sectionBody(admin, 1).click();
  await admin.keyboard.type('Alpha wrote the plot.');
  await sectionBody(other, 8).click();
  await other.keyboard.type('Bravo wrote the verdict.');
  await admin.getByRole('button', { name: 'Save draft' }).click();
  await expect(savedStatus(admin)).toBeVisible();
  await other.getByRole('button', { name: 'Save draft' }).click();
  await expect(savedStatus(other)).toBeVisible();
  // The later save merged: its editor now shows the other person's words as well.
  await expect(sectionBody(other, 1)).toHaveText('Alpha wrote the plot.');

  // The newest revision holds both.
  const fresh = await (
    await browser.newContext({ storageState: await admin.context().storageState() })
  ).newPage();
  await fresh.goto(url);
  await expect(sectionBody(fresh, 1)).toHaveText('Alpha wrote the plot.');
  await expect(sectionBody(fresh, 8)).toHaveText('Bravo wrote the verdict.');
});

test('a change to the same section shows both texts, and an edited merge is saved', async ({
  browser,
}) => {
  const { admin, other, url } = await twoEditors(browser, `Same ${Date.now()}`);

  await sectionBody(admin, 2).click();
  await admin.keyboard.type('Alpha on the cast.');
  await sectionBody(other, 2).click();
  await other.keyboard.type('Bravo on the cast.');
  await admin.getByRole('button', { name: 'Save draft' }).click();
  await other.getByRole('button', { name: 'Save draft' }).click();

  // Whichever save came second is refused with the conflict view (autosave may reorder them).
  const conflictHeading = { name: 'Someone else changed the same part of this review' };
  const refusedOn = async () => {
    if (await other.getByRole('heading', conflictHeading).isVisible()) return 'other';
    if (await admin.getByRole('heading', conflictHeading).isVisible()) return 'admin';
    return null;
  };
  await expect.poll(refusedOn, { timeout: 15_000 }).not.toBeNull();
  const [second, mine, theirs] =
    (await refusedOn()) === 'other'
      ? [other, 'Bravo on the cast.', 'Alpha on the cast.']
      : [admin, 'Alpha on the cast.', 'Bravo on the cast.'];
  // The refused person is taken to the conflict view, which says where the conflict is.
  const view = second.getByRole('region', conflictHeading);
  await expect(view).toBeFocused();
  await expect(view).toContainText('Where: Section “Main Cast and Performances”: text.');
  const conflict = second.getByRole('group', { name: /Main Cast and Performances.*text/ });
  await expect(conflict).toContainText(`Their version${theirs}`);
  await expect(conflict).toContainText(`Your version${mine}`);
  // Nothing was discarded: the editor below still holds this person's text.
  await expect(sectionBody(second, 2)).toHaveText(mine);

  await conflict.getByLabel('Edit merged').check();
  const merged = second.getByRole('textbox', { name: /^Merged/ });
  await expect(merged).toContainText(theirs);
  await expect(merged).toContainText(mine);
  await merged.click();
  await second.keyboard.press('ControlOrMeta+a');
  await second.keyboard.type('Alpha and Bravo agree on the cast.');
  await second.getByRole('button', { name: 'Save resolution' }).click();
  await expect(savedStatus(second)).toBeVisible();
  await expect(second.getByRole('heading', conflictHeading)).toHaveCount(0);

  await second.goto(url);
  await expect(sectionBody(second, 2)).toHaveText('Alpha and Bravo agree on the cast.');
});

test('50 parallel saves on one base version: one succeeds, 49 conflict, nothing else', async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill(`Parallel ${Date.now()}`);
  await page.getByRole('button', { name: 'Save draft' }).click();
  const id = await savedReviewId(page);
  const api = `/api/reviews/${id}/revisions`;
  const before = (await (await page.request.get(api)).json()) as {
    version: number;
    content: { dek: string };
  };

  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, n) =>
      page.request.post(api, {
        headers: { origin: new URL(page.url()).origin },
        data: {
          baseVersion: before.version,
          kind: 'save',
          content: { ...before.content, dek: `Parallel dek ${n}` },
        },
      }),
    ),
  );
  const statuses = responses.map((response) => response.status());
  expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(49);
  for (const response of responses)
    expect(await response.text()).not.toMatch(/SQLITE_BUSY|database is locked/i);

  // Exactly one revision was added: versions are consecutive.
  const after = (await (await page.request.get(api)).json()) as { version: number };
  expect(after.version).toBe(before.version + 1);
});
