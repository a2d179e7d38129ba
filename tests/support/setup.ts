import fs from 'node:fs';
import path from 'node:path';
import { afterAll, vi } from 'vitest';
import { closeDb } from '../../db/client';
import { temporaryDatabasePath } from './temp-db';

// Runs before each test file. Unit tests never touch ./data/cms.db: each file gets its own
// throwaway database for the code that reads DATABASE_URL.
const databasePath = temporaryDatabasePath();
process.env.DATABASE_URL = databasePath;

// Next's cache exists only inside a Next server: here cached queries run every time and
// revalidation is recorded, not performed. A test file may mock next/cache itself.
vi.mock('next/cache', () => ({
  unstable_cache: <T>(query: T) => query,
  revalidateTag: vi.fn(),
  revalidatePath: vi.fn(),
}));

afterAll(async () => {
  await closeDb();
  fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
});
