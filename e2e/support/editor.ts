import { expect, type Page } from '@playwright/test';

// Finding one's way around the review editor in end-to-end tests.

/** The rich-text body of section N (1-based). */
export function sectionBody(page: Page, n: number) {
  return page.getByRole('textbox', { name: /text$/ }).nth(n - 1);
}

/** The save status once a save has been acknowledged. */
export function savedStatus(page: Page) {
  return page.getByRole('status').filter({ hasText: /Saved at/ });
}

/**
 * The id of the review open in the editor, once it has one: a new review's first save puts it
 * in the address (/admin/reviews/new?id=N); a review's own page is /admin/reviews/N.
 */
export async function savedReviewId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/admin\/reviews\/(new\?id=)?\d+$/);
  return /(\d+)$/.exec(page.url())![1]!;
}
