import 'server-only';
import { asc } from 'drizzle-orm';
import type { ReviewContent } from '../../lib/content/review-content';
import { importArticle, type ArticleInput, type ImportOptions } from '../../lib/import';
import type { ImportResult } from '../../lib/import/types';
import { requestIp, requirePermission } from '../auth/current-user';
import { getDb } from '../client';
import { genres } from '../schema';
import { writeImportedReview, type ImportedReview, type ImportSource } from './imported-draft';
import { freeSlug } from './slugs';
import { countSave } from './save-rate';

// Importing an article from the admin page. Both steps check 'review:create' themselves, so a
// Server Action posted directly gets the same answer as the page. The draft is written by the
// same function as the command-line import (imported-draft.ts).

/**
 * Reads an article into review content for the preview: the site's genres are reused when the
 * article names them, and the slug is one no other review uses yet.
 */
export async function previewImport(
  input: ArticleInput,
  options: Pick<ImportOptions, 'format'>,
): Promise<ImportResult> {
  await requirePermission('review:create');
  const db = getDb();
  const known = await db.select({ name: genres.name }).from(genres).orderBy(asc(genres.name));
  const result = importArticle(input, {
    format: options.format,
    knownGenres: known.map((genre) => genre.name),
  });
  const slug = await db.transaction(async (tx) => await freeSlug(tx, result.content.slug));
  return { ...result, content: { ...result.content, slug } };
}

/**
 * Creates a draft from the (corrected) import. The slug is kept as given when the editor chose
 * it (a taken one is refused on the slug field), or else made free.
 */
export async function importReview(
  content: ReviewContent,
  options: { source: ImportSource; slugChosen: boolean },
): Promise<ImportedReview> {
  const user = await requirePermission('review:create');
  const ip = await requestIp();
  return getDb().transaction(async (tx) => {
    const now = new Date();
    // An imported draft stores a revision like any save: the same per-person limit.
    await countSave(tx, user.id, now);
    return writeImportedReview(tx, {
      content,
      authorId: user.id,
      actor: user,
      ip,
      via: 'admin',
      source: options.source,
      slug: options.slugChosen ? 'keep' : 'free',
      now,
    });
  });
}
