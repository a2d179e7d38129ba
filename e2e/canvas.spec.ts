import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { ADMIN, signIn } from './support/accounts';
import {
  canvasText,
  caretHeading,
  savedReviewId,
  sectionBody,
  sectionHeading,
  sectionHeadings,
} from './support/editor';

// The writing canvas as a critic on deadline uses it: the keyboard alone, the slash menu, the
// selection's marks, a dropped image described in place, the settings sidebar; an article
// pasted from elsewhere; the preview against the published page; axe on the editor.

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Not reached with ${max} presses of Tab`);
}

/** Drops an image file, as from the desktop, onto `target`. */
async function dropImage(target: Locator, name: string, png: Buffer) {
  await target.evaluate(
    (element, { name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'image/png' }));
      const box = element.getBoundingClientRect();
      const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
      for (const type of ['dragenter', 'dragover', 'drop'])
        element.dispatchEvent(
          new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true, ...at }),
        );
    },
    { name, base64: png.toString('base64') },
  );
}

const still = () =>
  sharp({ create: { width: 800, height: 450, channels: 3, background: '#7b341e' } })
    .png()
    .toBuffer();

test('a critic writes a whole review with the keyboard alone, publishes it and reads it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await expect(canvasText(page)).toBeVisible();
  const stamp = Date.now();
  const headline = `Keyboard ${stamp}: typed without a mouse`;

  await tabTo(page, page.getByLabel('Headline'));
  await page.keyboard.type(headline);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Dek')).toBeFocused();
  await page.keyboard.type('A dek typed at the keyboard.');

  // The toolbar is one Tab stop; the arrow keys, Home and End move inside it.
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
  await page.keyboard.press('Tab');
  await expect(toolbar.getByRole('button', { name: 'Section' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'H3: Subheading' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(toolbar.getByRole('button', { name: 'Redo' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(canvasText(page)).toBeFocused();

  // The caret starts in the first heading, Plot Summary: a new line under it.
  await expect.poll(() => caretHeading(page)).toBe('Plot Summary');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect.poll(() => caretHeading(page)).toBeNull();
  await expect(sectionHeadings(page)).toHaveCount(8);
  await page.keyboard.type('A family flees at night. ');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type('Bold');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type(' and ');
  await page.keyboard.press('ControlOrMeta+i');
  await page.keyboard.type('italic');
  await page.keyboard.press('ControlOrMeta+i');
  await page.keyboard.type(' with a link');
  for (let i = 0; i < 'link'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  // The selection's bubble offers the marks and the link.
  const bubble = page.locator('.bubble-menu');
  await expect(bubble.getByRole('button', { name: 'Link' })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+k');
  const address = page.getByLabel('Link address');
  await expect(address).toBeFocused();
  await address.pressSequentially('not a link');
  await address.press('Enter');
  await expect(page.getByText('That link is not allowed')).toBeVisible();
  await address.fill('');
  await address.pressSequentially('https://example.com/keyboard');
  await address.press('Enter');
  await expect(canvasText(page)).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');

  // The slash menu: filtered as typed, an accessible listbox, chosen with the keyboard.
  await page.keyboard.type('/list');
  const menu = page.getByRole('listbox', { name: 'Insert' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('option')).toHaveText([/^Bulleted list/, /^Numbered list/]);
  await expect(menu.getByRole('option', { selected: true })).toHaveText(/^Bulleted list/);
  await expect(canvasText(page)).toHaveAttribute('aria-controls', 'slash-menu');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('option', { selected: true })).toHaveText(/^Numbered list/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await page.keyboard.type('First point');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second point');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');

  // A spoiler section from the slash menu, its heading typed in place.
  await page.keyboard.type('/spoiler');
  await expect(menu.getByRole('option', { selected: true })).toHaveText(/^Spoiler section/);
  await page.keyboard.press('Enter');
  await page.keyboard.type('The ending');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Everyone makes it out.');
  await expect(sectionHeading(page, 2)).toHaveText('The ending');
  await expect(page.getByRole('checkbox', { name: 'Spoilers' }).nth(1)).toBeChecked();
  await expect(page.getByLabel('Kind of “The ending”')).toHaveValue('custom');

  // An image dropped from the desktop: uploaded with its progress, described in place.
  await dropImage(sectionBody(page, 2), 'ending.png', await still());
  const alt = page.getByLabel('Alt text for this image');
  await expect(alt).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Alt text is required: describe the image.')).toBeVisible();
  await page.keyboard.type('The family at the border at dawn');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Caption (optional)')).toBeFocused();
  await page.keyboard.type('The last shot of the film.');
  await page.keyboard.press('Enter');
  await expect(
    canvasText(page).getByRole('img', { name: 'The family at the border at dawn' }),
  ).toBeVisible();

  // The facts and a credit, in the sidebar.
  await tabTo(page, page.getByLabel('Title', { exact: true }));
  const title = `Keyboard ${stamp}`;
  await page.keyboard.type(title);
  await tabTo(page, page.getByLabel('Year'));
  await page.keyboard.type('2024');
  await tabTo(page, page.getByRole('button', { name: 'Add a credit' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Person 1', { exact: true }));
  await page.keyboard.type('Kim Keyboard');
  // Enter in a field saves, as in any form.
  await page.keyboard.press('Enter');
  await savedReviewId(page);
  await expect(page.getByRole('status').filter({ hasText: /Saved at/ })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Publish now' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByText('Status: Published')).toBeVisible();
  const slug = await page.getByLabel('Slug').inputValue();

  await page.goto(`/reviews/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
  const plot = page.getByRole('region', { name: 'Plot Summary' });
  await expect(plot.locator('strong')).toHaveText('Bold');
  await expect(plot.locator('em')).toHaveText('italic');
  await expect(plot.getByRole('link', { name: 'link' })).toHaveAttribute(
    'href',
    'https://example.com/keyboard',
  );
  await expect(plot.getByRole('listitem')).toHaveText(['First point', 'Second point']);
  // The spoiler section is behind its warning; opened, it has the text and the figure.
  const ending = page.getByRole('region', { name: 'The ending' }).locator('details');
  await ending.locator('summary').click();
  await expect(ending).toContainText('Everyone makes it out.');
  await expect(ending.getByRole('img', { name: 'The family at the border at dawn' })).toBeVisible();
  await expect(ending.locator('figcaption')).toHaveText('The last shot of the film.');
  await expect(page.getByText('Kim Keyboard')).toBeVisible();
});

test('an article pasted from the clipboard becomes sections, each with its kind', async ({
  page,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await page.getByLabel('Headline').fill(`Pasted ${Date.now()}`);
  await sectionBody(page, 1).click();
  await page.keyboard.press('ControlOrMeta+a');
  const html = [
    '<h2>Plot Summary</h2><p>Pasted plot, with <strong>strong</strong> words.</p>',
    '<h2>Cast and performances</h2><p>Pasted cast.</p>',
    '<h2>Final Thoughts</h2><p>Pasted verdict.</p>',
  ].join('');
  await page.evaluate(async (markup) => {
    const item = new ClipboardItem({
      'text/html': new Blob([markup], { type: 'text/html' }),
      'text/plain': new Blob([markup.replace(/<[^>]*>/g, '\n')], { type: 'text/plain' }),
    });
    await navigator.clipboard.write([item]);
  }, html);
  await page.keyboard.press('ControlOrMeta+v');

  await expect(sectionHeadings(page)).toHaveText([
    'Plot Summary',
    'Cast and performances',
    'Final Thoughts',
  ]);
  await expect(page.getByLabel('Kind of “Plot Summary”')).toHaveValue('plot');
  await expect(page.getByLabel('Kind of “Cast and performances”')).toHaveValue('cast');
  await expect(page.getByLabel('Kind of “Final Thoughts”')).toHaveValue('verdict');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const id = await savedReviewId(page);
  const saved = (await (await page.request.get(`/api/reviews/${id}/revisions`)).json()) as {
    content: { sections: { id: string; heading: string; kind: string }[] };
  };
  expect(saved.content.sections.map((s) => [s.heading, s.kind])).toEqual([
    ['Plot Summary', 'plot'],
    ['Cast and performances', 'cast'],
    ['Final Thoughts', 'verdict'],
  ]);
  expect(new Set(saved.content.sections.map((s) => s.id)).size).toBe(3);
});

/** The article as a structure: tags, classes and text, links unwrapped (a preview has none). */
function articleShape(page: Page) {
  return page.locator('article.review').evaluate((article) => {
    const skip = (element: Element) =>
      element.matches('.meta, .related, time') || element.closest('.meta, .related') !== null;
    const shape = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/g, ' ');
      if (!(node instanceof Element) || skip(node)) return '';
      const inner = [...node.childNodes].map(shape).join('');
      if (node.tagName === 'A') return inner;
      return `<${node.tagName.toLowerCase()} class="${node.getAttribute('class') ?? ''}">${inner}</>`;
    };
    return shape(article);
  });
}

/** The computed styles readers see, element by element. */
function articleStyles(page: Page) {
  return page.locator('article.review').evaluate((article) => {
    const selectors = ['h1', '.dek', '.kicker', '.meta', 'h2', '.rich-text p', 'dl', 'dt', 'dd'];
    const properties = ['font-family', 'font-size', 'font-weight', 'line-height', 'color'];
    return Object.fromEntries(
      selectors.map((selector) => {
        const element = article.querySelector(selector);
        const style = element ? getComputedStyle(element) : null;
        return [
          selector,
          style ? properties.map((property) => style.getPropertyValue(property)) : null,
        ];
      }),
    );
  });
}

test('the preview is the public page: same structure, same styles, same byline', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  const title = `Previewed ${Date.now()}`;
  await page.getByLabel('Headline').fill(`${title}: as readers see it`);
  await page.getByLabel('Dek').fill('The dek under the headline.');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Year').fill('2021');
  await page.getByLabel('Genres').fill('Preview Drama');
  await page.getByRole('button', { name: 'Add a credit' }).click();
  await page.getByLabel('Person 1', { exact: true }).fill('Pat Preview');
  await sectionBody(page, 1).click();
  await page.keyboard.type('The plot, previewed.');
  await sectionBody(page, 8).click();
  await page.keyboard.type('The verdict, previewed.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const id = await savedReviewId(page);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByText('Status: Published')).toBeVisible();
  const slug = await page.getByLabel('Slug').inputValue();

  await page.goto(`/admin/reviews/${id}`);
  const [preview] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('link', { name: 'Preview' }).click(),
  ]);
  await expect(preview).toHaveURL(new RegExp(`/preview/${id}$`));
  await expect(preview.getByRole('note')).toContainText('Preview of the current draft');
  await expect(preview.locator('article.review .review-header .meta')).toHaveText(
    'By Administrator · Not published yet',
  );
  const previewShape = await articleShape(preview);
  const previewStyles = await articleStyles(preview);

  await page.goto(`/reviews/${slug}`);
  await expect(page.locator('article.review .review-header .meta')).toContainText(
    'By Administrator · Published',
  );
  expect(previewShape).toBe(await articleShape(page));
  expect(previewStyles).toEqual(await articleStyles(page));

  // At a phone's width: the same page in a frame 375 pixels wide.
  await preview.getByRole('link', { name: 'Phone' }).click();
  const frame = preview.frameLocator('iframe[title^="The preview at a phone"]');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(`${title}: as readers see it`);
  expect(await frame.locator('html').evaluate(() => window.innerWidth)).toBe(375);
});

test('axe finds nothing on the canvas, with its menus open', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/reviews/new');
  await sectionBody(page, 1).click();
  const violations = async () =>
    (await new AxeBuilder({ page }).analyze()).violations.map(
      (violation) =>
        `${violation.impact}: ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
  expect(await violations(), 'the canvas').toEqual([]);
  await page.keyboard.type('/');
  await expect(page.getByRole('listbox', { name: 'Insert' })).toBeVisible();
  expect(await violations(), 'the slash menu').toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.type('Words to select');
  await page.keyboard.press('Shift+Home');
  await expect(page.locator('.bubble-menu').getByRole('button', { name: 'Link' })).toBeVisible();
  expect(await violations(), 'the selection bubble').toEqual([]);
});
