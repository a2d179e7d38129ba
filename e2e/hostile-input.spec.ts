import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN, signIn, uniqueEmail } from './support/accounts';

// Findings of the security review, over HTTP against the production server (server.mjs):
// each request here once froze the server, answered 500, chose its own address, or reached
// a staff page without its Content-Security-Policy.

/** The id of a Server Action in this build, from Next's own manifest. */
function actionId(name: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { exportedName?: string }> };
  const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === name);
  if (!entry) throw new Error(`No Server Action named ${name} in this build.`);
  return entry[0];
}

test('a stranger’s 80 KB save is refused before it is read', async ({ request, baseURL }) => {
  const response = await request.post('/api/reviews/1/revisions', {
    headers: { 'Content-Type': 'application/json', Origin: baseURL! },
    data: JSON.stringify({
      baseVersion: 1,
      kind: 'save',
      content: { headline: '<a'.repeat(40_000) },
    }),
  });
  expect(response.status()).toBe(401);
  // And the server is free to answer the next request at once.
  expect((await request.get('/api/health')).status()).toBe(200);
});

test('a Server Action nested 100,000 deep answers 400, not 500', async ({ request, baseURL }) => {
  const depth = 100_000;
  const response = await request.post('/admin/reviews/new', {
    headers: {
      'Next-Action': actionId('createReviewAction'),
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: baseURL!,
      Cookie: 'next-auth.session-token=anything',
    },
    data: `[${'['.repeat(depth)}${']'.repeat(depth)}]`,
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toBe('The request is nested too deeply to be a form.');
});

test('a client cannot choose its own address for the audit log or the sign-in limit', async ({
  page,
  request,
}) => {
  const email = uniqueEmail('spoof');
  const csrf = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await request.post('/api/auth/callback/credentials', {
    headers: { 'X-Forwarded-For': '6.6.6.6', 'X-Real-IP': '<script>x</script>' },
    form: { csrfToken: csrf.csrfToken, email, password: 'not the password' },
    maxRedirects: 0,
  });
  await signIn(page, ADMIN);
  await page.goto(`/admin/audit?action=auth.sign_in_failed`);
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row).toContainText('127.0.0.1');
  await expect(row).not.toContainText('6.6.6.6');
  await expect(page.getByText('<script>x</script>')).toHaveCount(0);
});

test('a prefetch of a staff page still gets its nonce policy', async ({ page }) => {
  await signIn(page, ADMIN);
  const prefetches: Record<string, string>[] = [
    { 'next-router-prefetch': '1' },
    { Purpose: 'prefetch' },
  ];
  for (const headers of prefetches) {
    for (const url of ['/admin', '/admin/users', '/login']) {
      const response = await page.request.get(url, { headers });
      expect(
        response.headers()['content-security-policy'],
        `${url} ${JSON.stringify(headers)}`,
      ).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    }
  }
});

test('edits kept on this device are removed when their author signs out', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill('Kept on a shared computer');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/admin\/reviews\/new\?id=\d+$/);
  // The server stops answering saves: what is typed now is kept in this browser only.
  await page.route('**/api/reviews/*/revisions', (route) => route.abort());
  await page.getByLabel('Dek').fill('Words the next person must not be offered.');
  const keptDrafts = () =>
    page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('review-draft:')));
  await expect.poll(keptDrafts).toHaveLength(1);
  expect((await keptDrafts())[0]).toMatch(/^review-draft:\d+:\d+$/);
  await page.unroute('**/api/reviews/*/revisions');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await keptDrafts()).toEqual([]);
});
