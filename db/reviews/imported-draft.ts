import type { ReviewContent } from '../../lib/content/review-content';
import type { ImportFormat } from '../../lib/import/types';
import { recordAudit } from '../auth/audit';
import type { Db, Tx } from '../client';
import { assertSlugFree, freeSlug } from './slugs';
import { insertReview } from './write';

// The one write behind every import, from the admin page (db/reviews/import-article.ts, after its
// permission check) and from `npm run import` (as the operator). It creates a draft with a
// first revision of kind 'import' and records it in the audit log. Nothing is ever published.
// No session code here, so the command-line tool can use it.

/** Where an imported article came from, for the audit log. */
export type ImportSource = { name: string; format: ImportFormat; warnings: number };

export type ImportedReview = { id: number; slug: string };

export async function writeImportedReview(
  tx: Tx,
  input: {
    content: ReviewContent;
    authorId: number | null;
    actor: { id: number; email: string } | null;
    ip: string | null;
    via: 'admin' | 'cli';
    source: ImportSource;
    /** 'free': take the next free slug when it is taken; 'keep': refuse a taken slug. */
    slug: 'free' | 'keep';
    now: Date;
  },
): Promise<ImportedReview> {
  const { authorId, actor, ip, via, source, now } = input;
  if (input.slug === 'keep') await assertSlugFree(tx, input.content.slug, null);
  const slug = input.slug === 'keep' ? input.content.slug : await freeSlug(tx, input.content.slug);
  const content = { ...input.content, slug };
  const { reviewId } = await insertReview(tx, { content, authorId, kind: 'import', now });
  await recordAudit(
    tx,
    {
      action: 'review.import',
      actor,
      ip,
      target: { type: 'review', id: reviewId, label: content.headline || slug },
      details: {
        via,
        source: source.name,
        format: source.format,
        warnings: source.warnings,
        sections: content.sections.length,
      },
    },
    now,
  );
  return { id: reviewId, slug };
}

/**
 * `npm run import` creates the draft as the operator, who already holds the database file: no
 * author, no session, recorded in the audit log as done from the command line.
 */
export async function importReviewAsOperator(
  db: Db,
  content: ReviewContent,
  source: ImportSource,
): Promise<ImportedReview> {
  return await db.transaction(
    async (tx) =>
      await writeImportedReview(tx, {
        content,
        authorId: null,
        actor: null,
        ip: null,
        via: 'cli',
        source,
        slug: 'free',
        now: new Date(),
      }),
  );
}
