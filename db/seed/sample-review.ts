import fs from 'node:fs';
import path from 'node:path';
import { reviewContentSchema, type ReviewContent } from '../../lib/content/review-content';
import { importArticle } from '../../lib/import';

// The sample review, "Escape (2024)", imported from the article the project was created for
// (db/seed/escape-2024.txt) by the same importer as the admin page and `npm run import`:
// repaired, structured into eight sections, with its credits and genres read from the text.
// What the article does not state is added here, as an editor would in the import preview.

export const SAMPLE_ARTICLE_PATH = path.join(process.cwd(), 'db', 'seed', 'escape-2024.txt');
export const SAMPLE_REVIEW_SLUG = 'escape-2024';

/** Builds the sample review's content from the article text. */
export function buildSampleReview(articleText: string): ReviewContent {
  const { content } = importArticle(
    { text: articleText, fileName: 'escape-2024.txt' },
    { format: 'text' },
  );
  return reviewContentSchema.parse({
    ...content,
    slug: SAMPLE_REVIEW_SLUG,
    // The headline sets the title in quotes; the site's headlines do not.
    headline: content.headline.replace(/[“”"]/g, ''),
    // A South Korean film in Korean: said in passing, not as facts the importer reads.
    work: { ...content.work, countries: ['KR'], languages: ['ko'] },
  });
}

export function readSampleArticle(): string {
  return fs.readFileSync(SAMPLE_ARTICLE_PATH, 'utf8');
}
