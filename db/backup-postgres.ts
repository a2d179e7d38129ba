import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databaseLabel } from '../lib/database-path';
import { childEnvironment } from '../lib/env';
import { BackupError } from './backup';

// The PostgreSQL side of `npm run db:backup`: pg_dump in its custom format (compressed,
// restorable table by table with pg_restore), from one consistent snapshot while the site
// keeps running. As with SQLite, the dump is written to a temporary name beside the
// destination and renamed into place only when pg_dump succeeded and pg_restore can read it.

export type PostgresBackupResult = {
  source: string;
  destination: string;
  bytes: number;
  /** Entries in the dump's table of contents (tables, data, indexes, triggers…). */
  entries: number;
  /** pg_dump's version line, such as "pg_dump (PostgreSQL) 15.10". */
  tool: string;
};

/** The URL without its password, and the password for PGPASSWORD (not on the command line). */
function splitPassword(url: string): { url: string; password: string | undefined } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

function run(tool: string, args: string[], password: string | undefined) {
  return spawnSync(tool, args, {
    encoding: 'utf8',
    env: childEnvironment(password ? { PGPASSWORD: password } : {}),
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function backupPostgres(
  url: string,
  destination: string,
  { force = false }: { force?: boolean } = {},
): PostgresBackupResult {
  const source = databaseLabel({ engine: 'postgres', url });
  const version = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new BackupError(
      'pg_dump is not installed, so this machine cannot back up PostgreSQL. Install the ' +
        "PostgreSQL client tools of your server's major version (Debian: `apt-get install " +
        "postgresql-client-15`), or use your provider's snapshots.",
    );
  }
  if (fs.existsSync(destination) && !force) {
    throw new BackupError(`${destination} already exists; use --force to replace it.`);
  }
  const target = splitPassword(url);
  const temp = path.join(
    path.dirname(destination),
    `.${path.basename(destination)}.${process.pid}.partial`,
  );
  try {
    const dump = run(
      'pg_dump',
      ['--format=custom', '--no-owner', `--file=${temp}`, `--dbname=${target.url}`],
      target.password,
    );
    if (dump.status !== 0) {
      throw new BackupError(`pg_dump failed: ${(dump.stderr || dump.error?.message || '').trim()}`);
    }
    // The dump is only as good as pg_restore's reading of it.
    const list = run('pg_restore', ['--list', temp], undefined);
    if (list.status !== 0) {
      throw new BackupError(`pg_restore cannot read the dump: ${list.stderr.trim()}`);
    }
    const entries = list.stdout.split('\n').filter((line) => /^\d+;/.test(line)).length;
    fs.renameSync(temp, destination);
    return {
      source,
      destination,
      bytes: fs.statSync(destination).size,
      entries,
      tool: version.stdout.trim(),
    };
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
