// npm run db:generate-fixtures -- --reviews 100000 --database <file>
//   [--people N] [--seed N] [--staff-password P] [--method bulk|app] [--force]
//
// Creates a synthetic catalogue (staff, people, genres, reviews in every status with their
// revisions, credits, sections, ratings, the published projection and the search index) in a
// database file of its own, migrated first. Never the app's database. See db/fixtures/.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { FixtureError, generateFixtures } from '../db/fixtures/generate';

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
  const summary = await generateFixtures({
    file: values.database,
    reviews,
    people: wholeNumber('people', values.people),
    seed: wholeNumber('seed', values.seed),
    staffPassword: values['staff-password'] ?? null,
    force: values.force,
    method: values.method,
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
