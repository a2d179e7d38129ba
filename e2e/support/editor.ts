import { expect, type Page } from '@playwright/test';

// Finding one's way around the review editor in end-to-end tests. The review's text is one
// document on the writing canvas; each section starts at its heading.

/** The canvas: the whole review's text, one editable document. */
export function canvasText(page: Page) {
  return page.getByRole('textbox', { name: 'Review text' });
}

/** Where section N (1-based) starts: its heading, with the kind, spoiler and menu beside it. */
export function sectionStart(page: Page, n: number) {
  return page.locator('#review-canvas > .canvas-section-start').nth(n - 1);
}

/** The heading text of section N. */
export function sectionHeading(page: Page, n: number) {
  return sectionStart(page, n).locator('.canvas-heading-text');
}

/** Every section heading's text element, in order. */
export function sectionHeadings(page: Page) {
  return page.locator('#review-canvas .canvas-heading-text');
}

/** The first block of section N's body: where a test clicks to type into that section. */
export function sectionBody(page: Page, n: number) {
  return sectionStart(page, n).locator('xpath=following-sibling::*[1]');
}

/** Every block of section N's body (up to the next heading). */
export function sectionBlocks(page: Page, n: number) {
  return page.locator(
    `xpath=//*[@id="review-canvas"]/*[not(contains(@class,"canvas-section-start"))][count(preceding-sibling::*[contains(@class,"canvas-section-start")]) = ${n}]`,
  );
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

/** The text of the section heading the caret (or selection) is in, or null when elsewhere. */
export function caretHeading(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const node = window.getSelection()?.anchorNode ?? null;
    const element = node instanceof Element ? node : (node?.parentElement ?? null);
    const editing = document.activeElement?.id === 'review-canvas';
    return editing ? (element?.closest('.canvas-heading-text')?.textContent ?? null) : null;
  });
}
