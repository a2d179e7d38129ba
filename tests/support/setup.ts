import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDb } from '../../db/client';
import { temporaryDatabasePath } from './temp-db';

// Runs before each test file. Unit tests never touch ./data/cms.db: each file gets its own
// throwaway database for the code that reads DATABASE_URL.
const databasePath = temporaryDatabasePath();
process.env.DATABASE_URL = databasePath;

afterAll(() => {
  closeDb();
  fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
});
