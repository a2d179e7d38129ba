// npm run db:generate-fixtures -- --reviews 100000 --database <file | postgres://…>
//   [--people N] [--seed N] [--staff-password P] [--method bulk|app] [--force]
//
// Creates a synthetic catalogue (staff, people, genres, reviews in every status with their
// revisions, credits, sections, ratings, the published projection and the search index) in a
// database of its own, migrated first. Never the app's database. See db/fixtures/.
//
// The generator writes SQLite (its bulk writer works on the file directly, hundreds of times
// faster than row-by-row inserts over a network). A PostgreSQL destination gets the same
// catalogue by generating it into a temporary SQLite file and copying that with db:copy's code,
// which checks every table on both sides.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copyDatabase } from '../db/copy/copy-database';
import { parseEndpoint, sameEndpoint } from '../db/copy/endpoints';
import { FixtureError, generateFixtures } from '../db/fixtures/generate';
import { resolveDatabaseTarget } from '../lib/database-path';

const USAGE =
  'Usage: npm run db:generate-fixtures -- --reviews N --database <file> ' +
  '[--people N] [--seed N] [--staff-password P] [--method bulk|app] [--force]';

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.replaceAll('_', '').replaceAll(',', '');
  if (!/^\d+$/.test(text))
    throw new FixtureError(`--${name} must be a whole number, got "${value}".`);
  return Number(text);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        reviews: { type: 'string' },
        database: { type: 'string' },
        people: { type: 'string' },
        seed: { type: 'string' },
        'staff-password': { type: 'string' },
        method: { type: 'string', default: 'bulk' },
        force: { type: 'boolean', default: false },
      },
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new FixtureError(error instanceof Error ? error.message : String(error));
  }
  const reviews = wholeNumber('reviews', values.reviews);
  if (reviews === undefined) throw new FixtureError('Missing --reviews.');
  if (!values.database) throw new FixtureError('Missing --database (a new file).');
  if (values.method !== 'bulk' && values.method !== 'app')
    throw new FixtureError('--method must be "bulk" (the default) or "app".');
  const cpu = os.cpus();
  console.log(`${cpu.length} CPU(s) (${cpu[0]?.model ?? 'unknown'}), Node ${process.version}`);
  const destination = parseEndpoint(values.database, process.env.INIT_CWD ?? process.cwd());
  const app = resolveDatabaseTarget();
  if (
    destination.kind === 'postgres' &&
    app.engine === 'postgres' &&
    sameEndpoint(destination, parseEndpoint(app.url, process.cwd()))
  ) {
    throw new FixtureError(
      `Refusing to write fixtures into the app's database (${destination.label}): name a separate one.`,
    );
  }
  const temporary =
    destination.kind === 'postgres'
      ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-fixtures-')), 'cms.db')
      : null;
  try {
    await generate(values, reviews, temporary ?? values.database);
    if (temporary) {
      const report = await copyDatabase({
        from: parseEndpoint(temporary, process.cwd()),
        to: destination,
        force: values.force,
        log: (message) => console.log(message),
      });
      if (!report.ok) throw new Error('The copy to PostgreSQL did not verify.');
      console.log(
        `Copied ${report.rows.toLocaleString('en')} rows to ${destination.label} in ${report.seconds.toFixed(1)} s`,
      );
    }
  } finally {
    if (temporary) fs.rmSync(path.dirname(temporary), { recursive: true, force: true });
  }
}

async function generate(
  values: Record<string, string | boolean | undefined>,
  reviews: number,
  file: string,
) {
  const summary = await generateFixtures({
    file,
    reviews,
    people: wholeNumber('people', values.people as string | undefined),
    seed: wholeNumber('seed', values.seed as string | undefined),
    staffPassword: (values['staff-password'] as string | undefined) ?? null,
    force: Boolean(values.force),
    method: values.method as 'bulk' | 'app',
    log: (message) => console.log(message),
  });
  const statuses = Object.entries(summary.byStatus)
    .map(([status, n]) => `${status} ${n.toLocaleString('en')}`)
    .join(', ');
  console.log(
    [
      `Done in ${summary.seconds.toFixed(1)} s: ${summary.file}`,
      `  ${summary.reviews.toLocaleString('en')} reviews (${statuses})`,
      `  ${summary.revisions.toLocaleString('en')} revisions, ${summary.people.toLocaleString('en')} people credited`,
      `  ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof FixtureError) console.error(USAGE);
  else if (error instanceof Error && error.stack) console.error(error.stack);
  process.exitCode = 1;
});
