// npm run db:copy -- --from <sqlite file | postgres://…> --to <postgres://… | sqlite file> [--force]
// Moves a publication between engines: every table with its ids, the id counters, the search
// index rebuilt on the destination, then every table compared (rows and checksum). The source is
// only read. See db/copy/.
import { CliError, parseCliArgs } from './cli';
import { copyDatabase, type CopyReport } from '../db/copy/copy-database';
import { CopyError, parseEndpoint } from '../db/copy/endpoints';

const USAGE =
  'Usage: npm run db:copy -- --from <database> --to <database> [--force]\n' +
  '       a database is a SQLite file path or a postgres:// (postgresql://) URL;\n' +
  '       --force replaces a destination that is not empty';

function summary(report: CopyReport): string {
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  const lines = [
    `${'table'.padEnd(width)}  ${'rows'.padStart(10)}  checksum`,
    ...report.tables.map(
      (t) =>
        `${t.table.padEnd(width)}  ${t.destinationRows.toLocaleString('en').padStart(10)}  ${
          t.match
            ? `match ${t.destinationChecksum.slice(0, 12)}`
            : `MISMATCH (source ${t.sourceRows.toLocaleString('en')} rows ${t.sourceChecksum.slice(0, 12)}, destination ${t.destinationChecksum.slice(0, 12)})`
        }`,
    ),
  ];
  const rate = Math.round(report.rows / Math.max(report.seconds, 0.001));
  lines.push(
    `Copied ${report.rows.toLocaleString('en')} rows in ${report.seconds.toFixed(1)} s ` +
      `(${rate.toLocaleString('en')} rows/s, verification included); ` +
      `search index: ${report.searchRows.toLocaleString('en')} reviews.`,
  );
  return lines.join('\n');
}

async function main() {
  const values = parseCliArgs(
    {
      from: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (!values.from?.trim() || !values.to?.trim()) {
    throw new CliError(`Name both --from and --to.\n${USAGE}`);
  }
  // `npm run` starts scripts in the project directory; a relative path means the directory
  // the operator typed the command in.
  const base = process.env.INIT_CWD ?? process.cwd();
  const report = await copyDatabase({
    from: parseEndpoint(values.from, base),
    to: parseEndpoint(values.to, base),
    force: values.force ?? false,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(summary(report));
  if (!report.ok) {
    const bad = report.tables.filter((t) => !t.match).map((t) => t.table);
    throw new CopyError(`Verification failed for ${bad.join(', ')}: do not use the copy.`);
  }
}

main().catch((error: unknown) => {
  const known = error instanceof CliError || error instanceof CopyError;
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exitCode = 1;
});
