// npm run db:migrate: applies pending migrations to the database named by DATABASE_URL.
import { closeDb, getDb } from '../db/client';
import { databaseLabel } from '../lib/database-path';
import { migrateDatabase } from '../db/migrate';

async function main() {
  const file = databaseLabel();
  await migrateDatabase(getDb());
  console.log(`Migrations applied to ${file}.`);
}

main()
  .catch((error: unknown) => {
    console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(closeDb);
