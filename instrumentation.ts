// Runs once when the Next.js server starts: the environment is checked (a bad value stops the
// server with a message naming it), the database is migrated (and seeded when empty), the first
// admin is created or a setup link printed, and the scheduler that publishes scheduled reviews
// starts.
export async function register() {
  // Read here, not through lib/env.ts: Next replaces it in each build of this file, so the Edge
  // one drops the Node-only imports below.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkEnvOrExit } = await import('./lib/env');
  checkEnvOrExit();
  const { getDb } = await import('./db/client');
  const { connectOrExit } = await import('./db/connect');
  const { prepareInstance } = await import('./db/prepare');
  const db = getDb();
  await connectOrExit(db);
  await prepareInstance(db);
  const { startScheduler } = await import('./db/reviews/scheduler');
  startScheduler();
}
