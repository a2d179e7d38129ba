import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closeDb, getDb, type Db } from '../db/client';
import { databaseLabel } from '../lib/database-path';
import { migrateDatabase } from '../db/migrate';
import { EnvError } from '../lib/env';
import { AppError } from '../lib/errors/app-error';

// Shared plumbing for the command-line tools: argument parsing with a usage message, a
// migrated database from DATABASE_URL, clear errors on stderr and a non-zero exit code.

export class CliError extends Error {}

export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  options: T,
  usage: string,
) {
  try {
    return parseArgs({
      options,
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** Reads all of standard input (for secrets that should not appear in shell history). */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Runs a CLI against the migrated database named by DATABASE_URL. */
export function runCli(main: (db: Db, databasePath: string) => Promise<void>): void {
  (async () => {
    const databasePath = databaseLabel();
    const db = getDb();
    await migrateDatabase(db);
    await main(db, databasePath);
  })()
    .catch((error: unknown) => {
      const known =
        error instanceof CliError || error instanceof AppError || error instanceof EnvError;
      console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
      if (!known && error instanceof Error && error.stack) console.error(error.stack);
      process.exitCode = 1;
    })
    .finally(closeDb);
}
