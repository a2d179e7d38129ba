// npm run db:backup -- <file> [--force]
// A consistent online backup of the database named by DATABASE_URL, safe while the server
// runs. The copy is checked (PRAGMA integrity_check) before the command reports success.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, BackupError } from '../db/backup';
import { backupPostgres } from '../db/backup-postgres';
import { resolveDatabaseTarget } from '../lib/database-path';

const USAGE =
  'Usage: npm run db:backup -- <file> [--force]\n' +
  '       copies the database named by DATABASE_URL (default ./data/cms.db) to <file>\n' +
  '       (PostgreSQL: a pg_dump custom-format file, restored with pg_restore);\n' +
  '       --force replaces an existing <file>';

function parse(): { destination: string; force: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { force: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new BackupError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const [destination, ...extra] = parsed.positionals;
  if (!destination?.trim()) throw new BackupError(`Name the backup file.\n${USAGE}`);
  if (extra.length > 0)
    throw new BackupError(`Unexpected arguments: ${extra.join(' ')}; name one file.\n${USAGE}`);
  // `npm run` starts scripts in the project directory; a relative path means the directory
  // the operator typed the command in.
  const base = process.env.INIT_CWD ?? process.cwd();
  return { destination: path.resolve(base, destination), force: parsed.values.force };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]} (${bytes.toLocaleString('en')} bytes)`;
}

async function main() {
  const { destination, force } = parse();
  const target = resolveDatabaseTarget();
  const started = Date.now();
  if (target.engine === 'postgres') {
    const dump = backupPostgres(target.url, destination, { force });
    console.log(`Backed up ${dump.source} with ${dump.tool}`);
    console.log(`       to ${dump.destination} in ${Date.now() - started} ms (custom format)`);
    console.log(`Size: ${formatBytes(dump.bytes)}, ${dump.entries} entries (pg_restore --list)`);
    return;
  }
  const result = await backupDatabase(target.path, destination, { force });
  const ok = result.integrity.length === 1 && result.integrity[0] === 'ok';
  const count = (n: number | null) => (n === null ? 'no such table' : n.toLocaleString('en'));
  console.log(`Backed up ${result.source}`);
  console.log(`       to ${result.destination} in ${Date.now() - started} ms`);
  console.log(`Integrity check: ${result.integrity.join('; ')}`);
  console.log(`Size: ${formatBytes(result.bytes)}, ${result.pages} pages`);
  console.log(`Reviews: ${count(result.reviews)}; revisions: ${count(result.revisions)}`);
  if (!ok) throw new BackupError('The copy failed its integrity check; do not rely on it.');
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof BackupError) && error instanceof Error && error.stack)
    console.error(error.stack);
  process.exitCode = 1;
});
