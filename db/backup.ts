import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// An online backup of the SQLite database with SQLite's backup API (better-sqlite3's
// `db.backup()`), never a copy of the live file: a file copy taken while the server writes can
// mix pages from before and after a commit, and misses whatever still sits in the `-wal` file.
//
// The backup reads one consistent snapshot. In WAL mode a reader blocks no writer, so the
// server keeps saving while it runs; commits made after the snapshot was taken are simply not
// in the copy. The copy is written to a temporary file beside the destination and renamed into
// place once complete, so an interrupted backup never leaves a half-written file under the
// name the operator asked for.

/** A refusal the operator can act on (shown without a stack trace). */
export class BackupError extends Error {}

export type BackupResult = {
  source: string;
  destination: string;
  /** `PRAGMA integrity_check` on the copy: `['ok']` when it is sound. */
  integrity: string[];
  bytes: number;
  pages: number;
  /** Tables in the copy (SQLite's own and FTS shadow tables included). */
  tables: string[];
  /** Row counts in the copy; null when the database has no such table (never migrated). */
  reviews: number | null;
  revisions: number | null;
};

/** The files SQLite keeps beside a database in WAL mode. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/** `file`, following symbolic links of its directory (the file itself may not exist yet). */
function canonical(file: string): string {
  const absolute = path.resolve(file);
  try {
    return fs.realpathSync(absolute);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function checkPaths(source: string, destination: string, force: boolean): void {
  if (source === ':memory:') throw new BackupError('An in-memory database cannot be backed up.');
  const sourceStat = fs.statSync(source, { throwIfNoEntry: false });
  if (!sourceStat) throw new BackupError(`The source database ${source} does not exist.`);
  if (!sourceStat.isFile()) throw new BackupError(`The source database ${source} is not a file.`);

  const target = canonical(destination);
  const original = canonical(source);
  if (target === original || SIDE_FILES.some((suffix) => target === original + suffix))
    throw new BackupError(
      `The destination ${destination} is the database itself; choose another file.`,
    );

  const directory = path.dirname(path.resolve(destination));
  if (!fs.statSync(directory, { throwIfNoEntry: false })?.isDirectory())
    throw new BackupError(`The destination directory ${directory} does not exist.`);

  const existing = fs.statSync(destination, { throwIfNoEntry: false });
  if (existing?.isDirectory())
    throw new BackupError(`The destination ${destination} is a directory; name a file in it.`);
  // A stale -wal beside the destination would be replayed into the new copy when it is opened.
  const leftovers = SIDE_FILES.map((suffix) => destination + suffix).filter((file) =>
    fs.existsSync(file),
  );
  if ((existing || leftovers.length > 0) && !force)
    throw new BackupError(
      `The destination ${destination}${existing ? '' : ` (${leftovers.join(', ')})`} already exists; ` +
        'pass --force to replace it.',
    );
}

function countRows(db: Database.Database, table: string): number | null {
  const exists = db
    .prepare("select 1 from sqlite_master where type = 'table' and name = ?")
    .pluck()
    .get(table);
  if (!exists) return null;
  return db.prepare(`select count(*) from "${table}"`).pluck().get() as number;
}

/** Opens the copy and checks it: integrity, tables and row counts. */
export function inspectBackup(
  file: string,
): Pick<BackupResult, 'integrity' | 'tables' | 'reviews' | 'revisions' | 'pages'> {
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: false }) as Array<{
      integrity_check: string;
    }>;
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all() as string[];
    return {
      integrity: integrity.map((row) => row.integrity_check),
      tables,
      reviews: countRows(db, 'reviews'),
      revisions: countRows(db, 'review_revisions'),
      pages: db.pragma('page_count', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

/**
 * Copies the database at `source` to `destination` while other connections may be writing,
 * then opens the copy and checks it. Refuses (BackupError) when the source is missing, the
 * destination is the source, its directory is missing, or it exists and `force` is not set.
 */
export async function backupDatabase(
  source: string,
  destination: string,
  options: { force?: boolean } = {},
): Promise<BackupResult> {
  const from = path.resolve(source);
  const to = path.resolve(destination);
  checkPaths(from, to, options.force ?? false);

  const partial = path.join(
    path.dirname(to),
    `.${path.basename(to)}.partial-${process.pid}-${Date.now()}`,
  );
  // Never creates the source, and never changes its journal mode: only reads from it.
  let db: Database.Database;
  try {
    db = new Database(from, { fileMustExist: true, readonly: true });
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new BackupError(`Cannot open the source database ${from}: ${message(error)}`);
  }
  try {
    await db.backup(partial, {
      // All remaining pages in one step. Copied 100 pages at a time (the default), the backup
      // starts over whenever another process commits between two steps, and a busy server
      // could keep it from ever finishing. One step reads one snapshot, which in WAL mode
      // does not hold up the server's writes.
      progress: () => 0x7fffffff,
    });
  } catch (error) {
    removeQuietly(partial);
    throw new BackupError(`The backup failed: ${message(error)}`);
  } finally {
    db.close();
  }
  try {
    if (options.force) {
      for (const side of SIDE_FILES) removeQuietly(to + side);
      fs.renameSync(partial, to);
    } else {
      // Fails when the name was taken since the check, so nothing is ever overwritten.
      placeExclusively(partial, to);
    }
  } catch (error) {
    removeQuietly(partial);
    const taken = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new BackupError(
      taken
        ? `The destination ${destination} already exists; pass --force to replace it.`
        : `Cannot move the backup into place at ${to}: ${message(error)}`,
    );
  }

  const inspected = inspectBackup(to);
  return { source: from, destination: to, bytes: fs.statSync(to).size, ...inspected };
}

/** Moves `from` to `to` unless `to` exists (EEXIST): a hard link, or a copy where links fail. */
function placeExclusively(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  }
  removeQuietly(from);
}

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
