import fs from 'node:fs';
import path from 'node:path';
import { afterAll, vi } from 'vitest';
import { closeDb } from '../../db/client';
import { temporaryDatabasePath } from './temp-db';
import { createThrowawayDatabases, postgresDatabaseUrl, throwawayName } from './throwaway-postgres';

// Runs before each test file. Unit tests never touch ./data/cms.db: each file gets its own
// throwaway database for the code that reads DATABASE_URL, on the engine of its Vitest project
// (vitest.config.mts): a SQLite file in a temporary folder, or a database created for it on the
// test PostgreSQL server and dropped afterwards.
const cleanup = await throwawayDatabase();

async function throwawayDatabase(): Promise<() => Promise<void>> {
  if (process.env.TEST_ENGINE === 'postgres') {
    const name = throwawayName();
    const server = await createThrowawayDatabases([name]);
    process.env.DATABASE_URL = postgresDatabaseUrl(name);
    return () => server.dropAll();
  }
  const databasePath = temporaryDatabasePath();
  process.env.DATABASE_URL = databasePath;
  return async () => fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
}

// Next's cache exists only inside a Next server: here cached queries run every time and
// revalidation is recorded, not performed. A test file may mock next/cache itself.
vi.mock('next/cache', () => ({
  unstable_cache: <T>(query: T) => query,
  revalidateTag: vi.fn(),
  revalidatePath: vi.fn(),
}));

afterAll(async () => {
  await closeDb();
  await cleanup();
});
