// npm run db:seed: migrates, then seeds the sample review into a database with no reviews.
import { closeDb, getDb } from '../db/client';
import { databaseLabel } from '../lib/database-path';
import { migrateDatabase } from '../db/migrate';
import { seedSampleReview } from '../db/seed/seed';

async function main() {
  const file = databaseLabel();
  const db = getDb();
  await migrateDatabase(db);
  const result = await seedSampleReview(db);
  console.log(
    result.seeded
      ? `Seeded the sample review "Escape (2024)" into ${file}.`
      : `Nothing to seed in ${file}: ${result.reason}.`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(closeDb);
