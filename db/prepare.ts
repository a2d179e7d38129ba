import type { Db } from './client';
import { migrateDatabase } from './migrate';
import { seedSampleReview } from './seed/seed';

/**
 * Brings a database up to date when a process starts: applies pending migrations, then seeds
 * the sample review if the database has no reviews yet.
 */
export async function prepareDatabase(
  db: Db,
  log: (message: string) => void = console.log,
): Promise<void> {
  await migrateDatabase(db);
  const seed = await seedSampleReview(db);
  if (seed.seeded) log(`Seeded the sample review "Escape (2024)" (review ${seed.reviewId}).`);
}
