import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { closeSqliteDatabase } from '../../db/engine/sqlite';

/** A path for a new database file in a fresh temporary directory. */
export function temporaryDatabasePath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-test-')), 'cms.db');
}

/** A fresh, migrated database in its own file; closed and removed by the returned cleanup. */
export async function createTestDatabase(): Promise<{ db: Db; file: string; cleanup: () => void }> {
  const file = temporaryDatabasePath();
  const db = openDatabase(file);
  await migrateDatabase(db);
  return {
    db,
    file,
    cleanup: () => {
      void closeSqliteDatabase(db);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}
