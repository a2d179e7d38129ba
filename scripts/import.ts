// npm run import -- <file> [--format auto|text|markdown|html] [--dry-run]
//
// Imports an article (.txt, .md or .html) as a draft review, through the same importer and the
// same write as the admin page's Import (db/reviews/imported-draft.ts), acting as the operator.
// With --dry-run it prints what it read as JSON on standard output and writes nothing (it does
// not even open the database). Messages go to standard error.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importReviewAsOperator } from '../db/reviews/imported-draft';
import { isAppError } from '../lib/errors/app-error';
import { importArticle, importSummary } from '../lib/import';
import { IMPORT_FORMATS, MAX_ARTICLE_BYTES, type ImportFormat } from '../lib/import/types';
import { siteUrl } from '../lib/site';
import { CliError, runCli } from './cli';

const USAGE = 'Usage: npm run import -- <file> [--format auto|text|markdown|html] [--dry-run]';

function readArguments(): { file: string; format: ImportFormat | 'auto'; dryRun: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        format: { type: 'string', default: 'auto' },
        'dry-run': { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) throw new CliError(`Name the article to import.\n${USAGE}`);
  if (extra.length > 0) throw new CliError(`Import one file at a time.\n${USAGE}`);
  const format = parsed.values.format;
  if (format !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new CliError(`--format must be auto, ${IMPORT_FORMATS.join(', ')}.\n${USAGE}`);
  return { file, format: format as ImportFormat | 'auto', dryRun: parsed.values['dry-run'] };
}

function readArticle(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`There is no file ${file}.`);
  }
  if (!stat.isFile()) throw new CliError(`${file} is not a file.`);
  // Refused before reading it whole.
  if (stat.size > MAX_ARTICLE_BYTES)
    throw new CliError(`${file} is larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB.`);
  return fs.readFileSync(file);
}

function main(): void {
  const { file, format, dryRun } = readArguments();
  const fileName = path.basename(file);
  const result = importArticle({ bytes: readArticle(file), fileName }, { format });
  if (dryRun) {
    process.stdout.write(`${JSON.stringify(importSummary(result), null, 2)}\n`);
    return;
  }
  runCli(async (db) => {
    const created = await importReviewAsOperator(db, result.content, {
      name: fileName,
      format: result.format,
      warnings: result.warnings.length,
    });
    const { content, warnings } = result;
    console.error(
      `Imported “${content.headline || created.slug}” as a draft: ${content.sections.length} sections, ${content.credits.length} credits, ${warnings.length} things to check${warnings.length > 0 ? ':' : '.'}`,
    );
    for (const warning of warnings) console.error(`  - ${warning.what} (${warning.where})`);
    console.log(`${siteUrl()}/admin/reviews/${created.id}`);
  });
}

try {
  main();
} catch (error) {
  const known = error instanceof CliError || isAppError(error);
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exitCode = 1;
}
