import { eq } from 'drizzle-orm';
import { revalidateReaderPagesInBackground } from '../../lib/cache/background-revalidation';
import { recordAudit } from '../auth/audit';
import { getDb, type Db } from '../client';
import { reviews } from '../schema';
import { isAppError } from '../../lib/errors/app-error';
import { dueScheduledReviews, publishNewestRevision } from './publishing';

/**
 * Publishes every scheduled review whose time has come. Run by the server itself every few
 * seconds (instrumentation.ts), so scheduling needs no one signed in and no external cron.
 * A review that can no longer be published goes back to draft, and the audit log says why.
 */
export async function publishDueReviews(now = new Date(), db: Db = getDb()): Promise<number> {
  return db.transaction(async (tx) => {
    let published = 0;
    for (const review of await dueScheduledReviews(tx, now)) {
      const target = { type: 'review', id: review.id, label: review.headline || review.slug };
      try {
        const { version } = await tx.transaction(
          async (inner) => await publishNewestRevision(inner, review, now, null),
        );
        await recordAudit(
          tx,
          {
            action: 'review.publish',
            target,
            details: { scheduled: true, version },
          },
          now,
        );
        published++;
      } catch (error) {
        if (!isAppError(error, 'not_publishable')) throw error;
        await tx
          .update(reviews)
          .set({ status: 'draft', scheduledFor: null, updatedAt: now })
          .where(eq(reviews.id, review.id));
        await recordAudit(
          tx,
          { action: 'review.schedule', target, details: { failed: error.missing } },
          now,
        );
      }
    }
    return published;
  });
}

/** Starts the in-process scheduler; one per server process. */
export function startScheduler(intervalMs = 5_000): void {
  const globalForScheduler = globalThis as unknown as { reviewCmsScheduler?: NodeJS.Timeout };
  if (globalForScheduler.reviewCmsScheduler) return;
  globalForScheduler.reviewCmsScheduler = setInterval(() => {
    publishDueReviews()
      .then(async (published) => {
        if (published > 0) await revalidateReaderPagesInBackground();
      })
      .catch((error: unknown) => console.error('Scheduled publishing failed:', error));
  }, intervalMs);
  globalForScheduler.reviewCmsScheduler.unref();
}
