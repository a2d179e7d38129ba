// Runs once before the unit suite: finds the PostgreSQL server the postgres project's test files
// create their databases on, or starts a throwaway one (scripts/lib/test-postgres.mjs), and hands
// its URL to the test workers, which start after this.
import { ensureTestPostgres } from '../../scripts/lib/test-postgres.mjs';

export default async function setup(): Promise<() => Promise<void>> {
  const server = await ensureTestPostgres();
  process.env.TEST_POSTGRES_URL = server.url;
  return server.stop;
}
