import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support/accounts';
import { savedReviewId, sectionBody } from './support/editor';

// On a 375 px phone the admin pages fit the screen: nothing scrolls sideways (a wide table
// scrolls inside its own box, not the page).

test.use({ viewport: { width: 375, height: 812 } });

/** How far the page is wider than the screen, and the widest elements that stick out. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) return false;
        // Inside a box that scrolls on its own, it is that box's business.
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          const style = getComputedStyle(parent);
          if (style.overflowX === 'auto' || style.overflowX === 'scroll') return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { extra: document.documentElement.scrollWidth - width, offenders };
  });
}

test('the dashboard, the editor, the history and the users page fit a 375 px screen', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill(`Narrow ${Date.now()}`);
  await sectionBody(page, 1).click();
  await page.keyboard.type('A line of text so that the history has something to show.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const id = await savedReviewId(page);

  const pages: Record<string, Awaited<ReturnType<typeof overflow>>> = {};
  const paths = ['/admin', `/admin/reviews/${id}`, `/admin/reviews/${id}/history`, '/admin/users'];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    pages[path] = await overflow(page);
  }
  const fits = { extra: 0, offenders: [] };
  expect(pages).toEqual(Object.fromEntries(paths.map((path) => [path, fits])));
});
