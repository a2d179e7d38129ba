import type { ActionResult } from '@/lib/action-result';
import type { ReviewContent } from '@/lib/content/review-content';
import type { ImportFormat, ImportGuesses, ImportWarning } from '@/lib/import/types';

// What the import page's two steps send back: the usual action result, and after "Preview"
// the detected review for the editor to correct.

export type ImportPreview = {
  /** A new id per preview, so the correction form starts afresh for each. */
  id: string;
  content: ReviewContent;
  warnings: ImportWarning[];
  /** The credits read from prose and the genres, by index into `content` as imported. */
  guesses: ImportGuesses;
  format: ImportFormat;
  /** The file name, or "pasted text". */
  source: string;
};

export type PreviewResult = ActionResult<{ preview: ImportPreview }>;

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  text: 'plain text',
  markdown: 'Markdown',
  html: 'HTML',
};

/** The file picker's filter: the extensions and types the importer reads. */
export const ACCEPTED_FILES =
  '.txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html';
