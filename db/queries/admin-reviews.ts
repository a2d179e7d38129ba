import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { can } from '../../lib/auth/permissions';
import type { ReviewStatus } from '../../lib/content/vocabulary';
import { requirePermission } from '../auth/current-user';
import { getDb } from '../client';
import { reviews, users } from '../schema';

export type StaffReviewRow = {
  id: number;
  title: string;
  status: ReviewStatus;
  authorName: string | null;
  updatedAt: Date;
  hasUnpublishedChanges: boolean;
};

/** Reviews for the admin dashboard: all of them for editors and admins, their own for writers. */
export async function listReviewsForStaff(): Promise<StaffReviewRow[]> {
  const user = await requirePermission('admin:access');
  const seeAll = can(user, 'review:list-all');
  const rows = await getDb()
    .select({
      id: reviews.id,
      headline: reviews.headline,
      workTitle: reviews.workTitle,
      status: reviews.status,
      authorName: users.name,
      updatedAt: reviews.updatedAt,
      version: reviews.version,
      publishedRevisionId: reviews.publishedRevisionId,
    })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.authorId))
    .where(seeAll ? undefined : eq(reviews.authorId, user.id))
    .orderBy(desc(reviews.updatedAt))
    .limit(200);
  return rows.map((row) => ({
    id: row.id,
    title: row.headline || row.workTitle || 'Untitled review',
    status: row.status,
    authorName: row.authorName,
    updatedAt: row.updatedAt,
    hasUnpublishedChanges: row.publishedRevisionId !== null && row.status !== 'published',
  }));
}
