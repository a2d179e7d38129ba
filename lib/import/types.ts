import type { ReviewContent } from '../content/review-content';

// Shapes shared by the steps of the importer (lib/import/*), the admin page and the CLI.

export const IMPORT_FORMATS = ['text', 'markdown', 'html'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Something the importer changed or decided that the editor should check. */
export type ImportWarning = { what: string; where: string };

/** An item of the content the importer read from a sentence: its index and the words. */
export type ImportGuess = { index: number; from: string; where: string };

/**
 * What the importer guessed rather than read from a list: the credits read from prose
 * (indexes into content.credits; those from the article's credits list are not guesses) and
 * the genres read from the headline and first sentences (indexes into content.genres). Kept
 * beside the content, which stays exactly what the content schema describes.
 */
export type ImportGuesses = { credits: ImportGuess[]; genres: ImportGuess[] };

/** A finished import: content that passes the content schema, and what to check. */
export type ImportResult = {
  format: ImportFormat;
  content: ReviewContent;
  warnings: ImportWarning[];
  guesses: ImportGuesses;
};

/** The largest article accepted, in bytes (pasted or uploaded). */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** File names the page and the CLI accept. */
export const ARTICLE_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm'] as const;
