import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, BackupError } from '../../db/backup';
import type { Db } from '../../db/client';
import { appendRevision } from '../../db/reviews/write';
import { reviews } from '../../db/schema';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { seedSampleReview } from '../../db/seed/seed';
import { createSqliteTestDatabase, temporaryDatabasePath } from '../support/temp-db';

const ROOT = path.resolve(import.meta.dirname, '../..');

// A writer in another thread with its own connection, appending revisions as fast as it can,
// the way the server's saves would, until told to stop. `progress[0]` counts its commits;
// setting `progress[1]` stops it. The backup blocks this thread while it copies, so the
// writer has to run elsewhere to really write during the copy.
const WRITER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const progress = new Int32Array(workerData.progress);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const head = db.prepare('select version, content from review_revisions where review_id = ? order by version desc limit 1');
const insert = db.prepare("insert into review_revisions (review_id, version, base_version, kind, created_at, content) values (?, ?, ?, 'autosave', ?, ?)");
const bump = db.prepare('update reviews set version = ? where id = ?');
const write = db.transaction((n) => {
  const current = head.get(workerData.reviewId);
  const content = JSON.parse(current.content);
  content.dek = 'writer-' + n;
  insert.run(workerData.reviewId, current.version + 1, current.version, Date.now(), JSON.stringify(content));
  bump.run(current.version + 1, workerData.reviewId);
});
for (let n = 1; Atomics.load(progress, 1) === 0; n++) {
  write.immediate(n);
  Atomics.store(progress, 0, n);
}
db.close();
`;

function startWriter(file: string, reviewId: number) {
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(WRITER, {
    eval: true,
    workerData: {
      file,
      reviewId,
      progress: progress.buffer,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
    },
  });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  return {
    commits: () => Atomics.load(progress, 0),
    /** Resolves once the writer has committed `n` revisions in all. */
    async reach(n: number) {
      const started = Date.now();
      while (Atomics.load(progress, 0) < n) {
        if (Date.now() - started > 20_000) throw new Error('The writer made no progress.');
        await Promise.race([new Promise((resolve) => setTimeout(resolve, 5)), failed]);
      }
    },
    async stop() {
      Atomics.store(progress, 1, 1);
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

/** A migrated database holding the sample review and `revisions` more revisions of it. */
async function databaseWithHistory(revisions: number) {
  const test = await createSqliteTestDatabase();
  const seeded = await seedSampleReview(test.db);
  if (!seeded.seeded) throw new Error(seeded.reason);
  await addRevisions(test.db, seeded.reviewId, revisions);
  return { ...test, reviewId: seeded.reviewId };
}

async function addRevisions(db: Db, reviewId: number, n: number) {
  const content = buildSampleReview(readSampleArticle());
  await db.transaction(
    async (tx) => {
      for (let i = 0; i < n; i++) {
        const review = (await tx.select().from(reviews).where(eq(reviews.id, reviewId)))[0]!;
        await appendRevision(tx, review, {
          content: { ...content, dek: `history-${i}` },
          kind: 'autosave',
          authorId: null,
          baseVersion: review.version,
          now: new Date(),
        });
      }
    },
    { behavior: 'immediate' },
  );
}

describe('backupDatabase', () => {
  let fixture: Awaited<ReturnType<typeof databaseWithHistory>>;
  let directory: string;
  beforeEach(async () => {
    // About 10 MB: large enough that copying it takes a while, with a writer going at once.
    fixture = await databaseWithHistory(600);
    directory = path.dirname(fixture.file);
  });
  afterEach(() => fixture.cleanup());

  it('makes a consistent copy while another connection keeps committing revisions', async () => {
    const writer = startWriter(fixture.file, fixture.reviewId);
    try {
      await writer.reach(50);
      const before = writer.commits();
      const result = await backupDatabase(fixture.file, path.join(directory, 'copy.db'));
      const after = writer.commits();

      // The writer was never held up for long: it went on committing during the backup.
      await writer.reach(after + 50);
      expect(after).toBeGreaterThan(before);

      expect(result.integrity).toEqual(['ok']);
      expect(result.tables).toEqual(tableNames(fixture.file));
      expect(result.tables).toEqual(expect.arrayContaining(['reviews', 'review_revisions']));
      expect(result.bytes).toBe(fs.statSync(path.join(directory, 'copy.db')).size);
      expect(result.bytes).toBeGreaterThan(5_000_000);

      // One snapshot: every revision up to the head and nothing half-written. The copy holds
      // the commits made up to some moment between the start and the end of the backup.
      const copy = new Database(result.destination, { readonly: true });
      try {
        const head = copy
          .prepare('select version from reviews where id = ?')
          .pluck()
          .get(fixture.reviewId) as number;
        const versions = copy
          .prepare('select version from review_revisions where review_id = ? order by version')
          .pluck()
          .all(fixture.reviewId) as number[];
        expect(versions).toEqual(Array.from({ length: head }, (_, i) => i + 1));
        expect(result.revisions).toBe(head);
        expect(result.reviews).toBe(1);
        const written = head - 1 - 600;
        expect(written).toBeGreaterThanOrEqual(before);
        // (+1: the counter is updated just after each commit.)
        expect(written).toBeLessThanOrEqual(after + 1);
        const dek = copy
          .prepare(
            "select json_extract(content, '$.dek') from review_revisions where review_id = ? and version = ?",
          )
          .pluck()
          .get(fixture.reviewId, head);
        expect(dek).toBe(written > 0 ? `writer-${written}` : 'history-599');
        expect(copy.pragma('foreign_key_check')).toEqual([]);
      } finally {
        copy.close();
      }
    } finally {
      await writer.stop();
    }
  });

  it('refuses to overwrite without force, and replaces the file and its stale -wal with it', async () => {
    const destination = path.join(directory, 'copy.db');
    fs.writeFileSync(destination, 'an older backup');
    await expect(backupDatabase(fixture.file, destination)).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(destination, 'utf8')).toBe('an older backup');

    fs.writeFileSync(`${destination}-wal`, 'a leftover write-ahead log');
    const result = await backupDatabase(fixture.file, destination, { force: true });
    expect(result.integrity).toEqual(['ok']);
    expect(result.revisions).toBe(601);
    expect(fs.existsSync(`${destination}-wal`)).toBe(false);
    // No temporary file is left beside it.
    expect(fs.readdirSync(directory).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('refuses the source itself, a missing directory and a missing source', async () => {
    await expect(backupDatabase(fixture.file, fixture.file)).rejects.toBeInstanceOf(BackupError);
    await expect(
      backupDatabase(fixture.file, path.join(directory, 'missing', 'copy.db')),
    ).rejects.toThrow(/directory .* does not exist/);
    const missing = path.join(directory, 'none.db');
    await expect(backupDatabase(missing, path.join(directory, 'copy.db'))).rejects.toThrow(
      /does not exist/,
    );
    expect(fs.existsSync(missing)).toBe(false);
  });
});

// ---- npm run db:backup, run as the operator runs it. ----

type Run = { status: number | null; stdout: string; stderr: string };

function cli(databasePath: string, args: string[]): Run {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/db-backup.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databasePath, INIT_CWD: ROOT },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run db:backup', { timeout: 60_000 }, () => {
  let fixture: Awaited<ReturnType<typeof databaseWithHistory>>;
  let directory: string;
  beforeEach(async () => {
    fixture = await databaseWithHistory(3);
    directory = path.dirname(fixture.file);
  });
  afterEach(() => fixture.cleanup());

  it('backs up, checks the copy and reports its size and contents', () => {
    const destination = path.join(directory, 'backup.db');
    const run = cli(fixture.file, [destination]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Backed up ${fixture.file}`);
    expect(run.stdout).toContain(`to ${destination}`);
    expect(run.stdout).toMatch(/Integrity check: ok\n/);
    expect(run.stdout).toMatch(/Size: [\d.]+ KiB \([\d,]+ bytes\)/);
    expect(run.stdout).toContain('Reviews: 1; revisions: 4');
    expect(tableNames(destination)).toEqual(tableNames(fixture.file));

    // Again, onto the same file: refused, then allowed with --force.
    const again = cli(fixture.file, [destination]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /^Error: The destination .*backup\.db already exists; pass --force/,
    );
    const forced = cli(fixture.file, [destination, '--force']);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
  });

  const refusals: Array<{
    name: string;
    args: (dir: string, db: string) => string[];
    message: RegExp;
  }> = [
    { name: 'a missing file argument', args: () => [], message: /Name the backup file\.\nUsage:/ },
    {
      name: 'the database itself as the destination',
      args: (_, db) => [db],
      message: /is the database itself/,
    },
    {
      name: 'a destination in a missing directory',
      args: (dir) => [path.join(dir, 'nowhere', 'backup.db')],
      message: /The destination directory .*nowhere does not exist/,
    },
    {
      name: 'an unknown option',
      args: (dir) => [path.join(dir, 'backup.db'), '--overwrite'],
      message: /Unknown option '--overwrite'/,
    },
  ];

  it.each(refusals)('refuses $name with a clear message', (refusal) => {
    const before = fs.readdirSync(directory).sort();
    const run = cli(fixture.file, refusal.args(directory, fixture.file));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Error: /);
    expect(run.stderr).toMatch(refusal.message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(directory).sort()).toEqual(before);
  });

  it('refuses when the source database does not exist, without creating it', () => {
    const missing = temporaryDatabasePath();
    try {
      const run = cli(missing, [path.join(directory, 'backup.db')]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^Error: The source database .*cms\.db does not exist\./);
      expect(fs.existsSync(missing)).toBe(false);
      expect(fs.existsSync(path.join(directory, 'backup.db'))).toBe(false);
    } finally {
      fs.rmSync(path.dirname(missing), { recursive: true, force: true });
    }
  });
});
