import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATION_FOLDERS } from '../migrate';
import { CopyError } from './endpoints';

// Both drizzle migrators record each applied migration with its folder timestamp (created_at)
// and apply those newer than the latest recorded, so the latest recorded one tells how far a
// database is. A copy needs the source exactly at this checkout's migrations: behind, its
// tables lack columns the destination has; ahead, the reverse.

export const SQLITE_MIGRATIONS = MIGRATION_FOLDERS.sqlite;
export const POSTGRES_MIGRATIONS = MIGRATION_FOLDERS.postgres;

/** The folder timestamp of the newest migration in this checkout. */
export function latestMigration(folder: string): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  return migrations.at(-1)?.folderMillis ?? 0;
}

/** Refuses a source whose newest applied migration (null: none) is not this checkout's. */
export function requireCurrent(
  label: string,
  applied: number | null,
  folder: string,
  howToMigrate: string,
): void {
  const latest = latestMigration(folder);
  if (applied === null) {
    throw new CopyError(`The source ${label} has no CMS migrations: is it a CMS database?`);
  }
  if (applied < latest) {
    throw new CopyError(
      `The source ${label} is behind this version's migrations: ${howToMigrate}, then copy again.`,
    );
  }
  if (applied > latest) {
    throw new CopyError(
      `The source ${label} has migrations newer than this checkout: update the code first.`,
    );
  }
}
