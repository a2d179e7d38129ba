import type { Db } from './client';
import { withSessionLock } from './engine/locking';
import { migrateDatabase } from './migrate';
import { indexMissingReviews } from './reviews/search-index';
import { seedSampleReview } from './seed/seed';
import { ensureFirstAdmin } from './users/setup';

/**
 * Brings a database up to date when a process starts: applies pending migrations, indexes any
 * published review missing from the search index, then seeds the sample review if the database
 * has no reviews yet.
 */
export async function prepareDatabase(
  db: Db,
  log: (message: string) => void = console.log,
): Promise<void> {
  await migrateDatabase(db);
  // Reviews published before the search index existed (or by anything that bypassed it).
  const indexed = await indexMissingReviews(db);
  if (indexed > 0) log(`Added ${indexed} published review(s) to the search index.`);
  const seed = await seedSampleReview(db);
  if (seed.seeded) log(`Seeded the sample review "Escape (2024)" (review ${seed.reviewId}).`);
}

/**
 * What a server does with its database as it starts: prepareDatabase, then the first admin (or
 * a setup link). Several instances may start together on one new PostgreSQL database, so they
 * take turns (withSessionLock): the first migrates, seeds and creates the admin, and the others
 * find it all done.
 */
export async function prepareInstance(
  db: Db,
  log: (message: string) => void = console.log,
): Promise<void> {
  await withSessionLock(db, 'review-cms:start-up', async () => {
    await prepareDatabase(db, log);
    await ensureFirstAdmin(db, log);
  });
}
