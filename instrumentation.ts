// Runs once when the Next.js server starts: the database is migrated (and seeded when empty)
// before the first request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDb } = await import('./db/client');
  const { prepareDatabase } = await import('./db/prepare');
  await prepareDatabase(getDb());
}
