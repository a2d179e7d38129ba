// Runs once when the Next.js server starts: the database is migrated (and seeded when empty),
// the first admin is created or a setup link printed, and the scheduler that publishes
// scheduled reviews starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDb } = await import('./db/client');
  const { prepareDatabase } = await import('./db/prepare');
  const { ensureFirstAdmin } = await import('./db/users/setup');
  const db = getDb();
  await prepareDatabase(db);
  await ensureFirstAdmin(db);
  const { startScheduler } = await import('./db/reviews/scheduler');
  startScheduler();
}
