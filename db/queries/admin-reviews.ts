import 'server-only';
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
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
};

export type StaffReviewFilter = { status?: ReviewStatus; search?: string };

/** `%` and `_` typed by the user are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Reviews for the admin dashboard, newest first: all of them for editors and admins, their own
 * for writers; optionally one status, and a search in the headline and the work's title.
 */
export async function listReviewsForStaff(
  filter: StaffReviewFilter = {},
): Promise<StaffReviewRow[]> {
  const user = await requirePermission('admin:access');
  const seeAll = can(user, 'review:list-all');
  const conditions: SQL[] = [];
  if (!seeAll) conditions.push(eq(reviews.authorId, user.id));
  if (filter.status) conditions.push(eq(reviews.status, filter.status));
  const search = filter.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    conditions.push(
      or(
        sql`${reviews.headline} like ${pattern} escape '\\'`,
        sql`${reviews.workTitle} like ${pattern} escape '\\'`,
      )!,
    );
  }
  const rows = await getDb()
    .select({
      id: reviews.id,
      headline: reviews.headline,
      workTitle: reviews.workTitle,
      status: reviews.status,
      authorName: users.name,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.authorId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(reviews.updatedAt))
    .limit(200);
  return rows.map((row) => ({
    id: row.id,
    title: row.headline || row.workTitle || 'Untitled review',
    status: row.status,
    authorName: row.authorName,
    updatedAt: row.updatedAt,
  }));
}
