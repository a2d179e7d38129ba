import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query as rawQuery } from '../support/raw-sql';
import { createTestDatabase, type TestDatabase } from '../support/temp-db';
import {
  POSTGRES_SERVER_URL,
  postgresDatabaseUrl,
  throwawayName,
} from '../support/throwaway-postgres';

// `npm run import`, run as the operator runs it (through tsx, on its own database, on the
// engine of the test project).

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(ROOT, 'db', 'seed', 'escape-2024.txt');
const POSTGRES = process.env.TEST_ENGINE === 'postgres';

let dir: string;
/**
 * The database the runs that must write nothing are given: one that does not exist. Had the
 * CLI opened it, SQLite would have created the file and PostgreSQL refused the connection.
 */
let missingDatabase: string;
/** The database the import writes to. */
let database: TestDatabase;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-import-'));
  missingDatabase = POSTGRES
    ? postgresDatabaseUrl(throwawayName('never_created'))
    : path.join(dir, 'cms.db');
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Whether the missing database has come into being (the file, or the server's database). */
async function missingDatabaseExists(): Promise<boolean> {
  if (!POSTGRES) return fs.existsSync(missingDatabase);
  const client = new pg.Client({ connectionString: POSTGRES_SERVER_URL });
  await client.connect();
  try {
    const name = new URL(missingDatabase).pathname.slice(1);
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    return found.rowCount !== 0;
  } finally {
    await client.end();
  }
}

function run(args: string[], databaseUrl = missingDatabase) {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/import.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, SITE_URL: 'https://reviews.example' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, content);
  return full;
}

/** Reads what the CLI wrote through a connection of this process (closed by cleanup()). */
async function query<T>(sql: string): Promise<T[]> {
  return await rawQuery<T>(database.reopen(), sql);
}

describe('npm run import', { timeout: 120_000 }, () => {
  it('with --dry-run prints only the JSON on stdout and writes nothing', async () => {
    const result = run([SAMPLE, '--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as {
      headline: string;
      work: { title: string; year: number; kind: string };
      credits: Array<{ name: string; role: string; character: string | null }>;
      genres: string[];
      sections: Array<{
        kind: string;
        heading: string;
        spoiler: boolean;
        text: string;
        body: unknown;
      }>;
      warnings: Array<{ what: string; where: string }>;
    };
    expect(json.work).toEqual({ title: 'Escape', year: 2024, kind: 'film' });
    expect(json.credits[0]).toEqual({ name: 'Lee Jong-pil', role: 'director', character: null });
    expect(json.sections.map((section) => section.kind)).toEqual([
      'plot',
      'cast',
      'direction',
      'themes',
      'reception',
      'relevance',
      'availability',
      'verdict',
    ]);
    expect(json.sections[0]).toMatchObject({
      heading: 'Plot Summary',
      spoiler: false,
      text: expect.stringMatching(/^Set in North Korea/),
      body: { type: 'doc' },
    });
    expect(json.warnings.length).toBeGreaterThan(10);
    // Nothing was written: the database was not even opened.
    expect(await missingDatabaseExists()).toBe(false);
  });

  it('reads the format from --format, and refuses an unknown one', () => {
    const markdown = file('article.txt', 'Mother (2009)\n\nA **bold** dek.\n\n## Plot\n\nText.\n');
    const dek = (format: string) =>
      (JSON.parse(run([markdown, '--dry-run', '--format', format]).stdout) as { dek: string }).dek;
    expect(dek('text')).toBe('A **bold** dek.');
    expect(dek('markdown')).toBe('A bold dek.');
    const refused = run([markdown, '--format', 'docx']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--format must be auto, text, markdown, html/);
  });

  it.each([
    ['no file named', () => [], /Name the article to import/],
    ['a missing file', () => [path.join(dir, 'nope.txt')], /There is no file .*nope\.txt/],
    ['a directory', () => [dir], /is not a file/],
    [
      'a binary file',
      () => [
        file('poster.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
      ],
      /PNG image, not text/,
    ],
    [
      'a Word document',
      () => [file('review.docx', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]))],
      /ZIP/,
    ],
    ['an empty article', () => [file('empty.txt', '  \n\n ')], /empty/],
    ['an article over 2 MB', () => [file('huge.txt', 'word '.repeat(450_000))], /larger than 2 MB/],
    ['two files', () => [SAMPLE, SAMPLE], /one file at a time/],
  ])('refuses %s with a message on stderr and a non-zero exit', async (_name, args, message) => {
    const result = run([...args(), '--dry-run']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^Error: /);
    expect(await missingDatabaseExists()).toBe(false);
  });

  it('without --dry-run creates a draft, never published, and prints its admin URL', async () => {
    const first = run([SAMPLE], database.url);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('https://reviews.example/admin/reviews/1\n');
    expect(first.stderr).toMatch(/as a draft: 8 sections, 7 credits/);

    // The same article again: a second draft, with a slug of its own.
    const second = run([SAMPLE], database.url);
    expect(second.stdout).toBe('https://reviews.example/admin/reviews/2\n');

    // Aliases are quoted so that PostgreSQL keeps their case, as SQLite does.
    expect(
      await query(
        'select id, slug, status, author_id as "authorId", version from reviews order by id',
      ),
    ).toEqual([
      { id: 1, slug: 'escape-2024', status: 'draft', authorId: null, version: 1 },
      { id: 2, slug: 'escape-2024-2', status: 'draft', authorId: null, version: 1 },
    ]);
    expect(await query('select kind from review_revisions')).toEqual([
      { kind: 'import' },
      { kind: 'import' },
    ]);
    expect(await query('select count(*) as n from published_reviews')).toEqual([{ n: 0 }]);
    const audit = await query<{ action: string; actorId: number | null; details: string }>(
      `select action, actor_id as "actorId", details from audit_log where action = 'review.import' order by id`,
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]!.actorId).toBeNull();
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      via: 'cli',
      source: 'escape-2024.txt',
      format: 'text',
      sections: 8,
    });
  });
});
