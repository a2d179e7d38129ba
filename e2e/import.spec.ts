import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './support/accounts';
import { sectionBlocks, sectionHeading, sectionHeadings } from './support/editor';

// Importing the article the project was created for, as an editor would: paste it, check and
// correct what was found, create the draft, and carry on in the editor.

const SAMPLE = fs.readFileSync(path.join(process.cwd(), 'db', 'seed', 'escape-2024.txt'), 'utf8');

const SECTIONS: Array<[string, string]> = [
  ['Plot Summary', 'plot'],
  ['Main Cast and Performances', 'cast'],
  ['Direction and Cinematic Style', 'direction'],
  ['Themes and Symbolism', 'themes'],
  ['Critical Reception and Awards', 'reception'],
  ['Cultural and Global Relevance', 'relevance'],
  ['Availability and Distribution', 'availability'],
  ['Final Thoughts', 'verdict'],
];

test('an editor pastes the sample article, corrects the preview and opens the draft in the editor', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import an article' })).toBeVisible();

  await page.getByLabel('Article text').fill(SAMPLE);
  await page.getByRole('button', { name: 'Preview' }).click();

  // What was found, and every repair, before anything is saved.
  await expect(page.getByRole('heading', { name: '2. Check what was found' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Read as plain text' })).toContainText(
    '8 sections, 7 credits',
  );
  const repairs = page.getByRole('list', { name: 'Repairs and guesses' });
  await expect(repairs).toContainText('“Gyu-namβs” → “Gyu-nam’s”');
  await expect(repairs).toContainText('“π¬ Plot” → “Plot”');
  // Credits read from sentences are marked as guesses; the "A as B" cast list is not.
  const guesses = page.getByRole('list', { name: /Guessed from the text/ });
  await expect(guesses).toContainText('Credit: Dalpalan (composer)');
  await expect(guesses).toContainText('Genre: Thriller');
  await expect(guesses).not.toContainText('Lee Je-hoon');
  await expect(page.getByLabel('Headline')).toHaveValue(
    '“Escape” (2024): A Gripping Tale of Freedom, Brotherhood, and Survival',
  );
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Escape');
  await expect(page.getByLabel('Year')).toHaveValue('2024');
  await expect(page.getByLabel('Genres')).toHaveValue('Thriller, Political drama');
  await expect(page.getByLabel('Person 1', { exact: true })).toHaveValue('Lee Jong-pil');
  await expect(page.getByLabel('Character').first()).toHaveValue('Lim Gyu-nam');
  await expect(sectionHeadings(page)).toHaveCount(8);
  for (const [index, [heading, kind]] of SECTIONS.entries()) {
    await expect(sectionHeading(page, index + 1)).toHaveText(heading);
    await expect(page.getByLabel(`Kind of “${heading}”`)).toHaveValue(kind);
  }
  const preview = page.getByRole('region', { name: '2. Check what was found' });
  await expect(preview.getByRole('textbox', { name: 'Review text' })).toContainText(
    'Gyu-nam’s childhood friend',
  );

  // Correct one detected field: the headline, without the quotes around the title.
  const headline = `Escape (2024): imported on ${Date.now()}`;
  await page.getByLabel('Headline').fill(headline);
  await page.getByRole('button', { name: 'Create draft' }).click();

  // The draft opens in the editor, corrected, with its sections; it is not published.
  await expect(page).toHaveURL(/\/admin\/reviews\/\d+$/);
  await expect(page.getByLabel('Headline')).toHaveValue(headline);
  await expect(page.getByText('Status: Draft')).toBeVisible();
  // The sample is already seeded under escape-2024: the import took the next free slug.
  await expect(page.getByLabel('Slug')).toHaveValue(/^escape-2024-\d+$/);
  await expect(sectionHeadings(page)).toHaveCount(8);
  for (const [index, [heading]] of SECTIONS.entries()) {
    await expect(sectionHeading(page, index + 1)).toHaveText(heading);
  }
  await expect(
    sectionBlocks(page, 1).filter({ hasText: 'Gyu-nam’s childhood friend' }),
  ).toHaveCount(1);
  await expect(sectionBlocks(page, 2).getByRole('listitem')).toHaveCount(3);
  await expect(sectionBlocks(page, 4).locator('strong').first()).toHaveText(
    'Freedom vs. Oppression:',
  );

  // It is listed among the reviews as a draft.
  await page.goto('/admin');
  await expect(page.getByRole('row').filter({ hasText: headline })).toContainText('Draft');
});

test('text before the first heading becomes the opening: no heading on the page, none in Contents', async ({
  page,
}) => {
  const stamp = Date.now();
  const article = [
    `# Harbour Lights ${stamp} (2021): A Quiet Film About Leaving`,
    '',
    'A short standfirst that the importer takes as the dek.',
    '',
    `It begins on the last ferry of the night, ${stamp}, and never quite leaves the water.`,
    '',
    '## Plot Summary',
    '',
    'A lighthouse keeper counts the boats that do not come back.',
    '',
    '## Final Thoughts',
    '',
    'Slow, and worth it.',
  ].join('\n');
  await signIn(page, ADMIN);
  await page.goto('/admin/import');
  await page.getByLabel('Article text').fill(article);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(sectionHeading(page, 1)).toHaveText('');
  await expect(sectionHeading(page, 2)).toHaveText('Plot Summary');
  await expect(page.getByText('Introduction')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/admin\/reviews\/\d+$/);
  await expect(sectionHeading(page, 1)).toHaveText('');
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByText('Status: Published')).toBeVisible();
  const slug = await page.getByLabel('Slug').inputValue();

  await page.goto(`/reviews/${slug}`);
  const review = page.getByRole('article');
  await expect(review.getByText(`the last ferry of the night, ${stamp}`)).toBeVisible();
  await expect(review.getByRole('heading', { level: 2, name: 'Plot Summary' })).toBeVisible();
  // The opening comes before the first heading, and has no heading of its own.
  const headings = await review.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings).not.toContain('Introduction');
  expect(headings).not.toContain('');
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await expect(contents.getByRole('link')).toHaveText(['Plot Summary', 'Final Thoughts']);
});
