import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openTarget } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedSampleReview } from '../../db/seed/seed';
import { databaseRefusal, execute, query } from '../support/raw-sql';
import {
  createThrowawayDatabases,
  postgresDatabaseUrl,
  throwawayName,
} from '../support/throwaway-postgres';

// `npm run db:backup` on PostgreSQL, as the operator runs it: a pg_dump custom-format file that
// pg_restore puts back into an empty database with every row.

const ROOT = path.resolve(import.meta.dirname, '../..');
const source = throwawayName('source');
const restored = throwawayName('restored');
let server: Awaited<ReturnType<typeof createThrowawayDatabases>>;
let dir: string;

function backup(args: string[], env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/db-backup.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: postgresDatabaseUrl(source), ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-pg-backup-'));
  server = await createThrowawayDatabases([source, restored]);
  const db = openTarget({ engine: 'postgres', url: postgresDatabaseUrl(source) });
  await migrateDatabase(db);
  await seedSampleReview(db);
  await closeDatabase(db);
}, 60_000);
afterAll(async () => {
  await server.dropAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run db:backup on PostgreSQL', { timeout: 60_000 }, () => {
  it('writes a custom-format dump that pg_restore brings back whole', async () => {
    const file = path.join(dir, 'cms.dump');
    const result = backup([file]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Backed up postgres:\/\/postgres@127\.0\.0\.1:5432\/cms_test_/);
    expect(result.stdout).toMatch(/custom format/);
    // No partial file is left beside it.
    expect(fs.readdirSync(dir)).toEqual(['cms.dump']);

    const restore = spawnSync(
      'pg_restore',
      ['--no-owner', `--dbname=${postgresDatabaseUrl(restored)}`, file],
      { encoding: 'utf8' },
    );
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    const db = openTarget({ engine: 'postgres', url: postgresDatabaseUrl(restored) });
    try {
      expect(await query(db, 'select slug, status from reviews')).toEqual([
        { slug: 'escape-2024', status: 'published' },
      ]);
      expect(await query(db, 'select count(*) as n from sections')).toEqual([{ n: 8 }]);
      // The search index and the append-only trigger came back too.
      expect(await query(db, 'select count(*) as n from review_search')).toEqual([{ n: 1 }]);
      await execute(
        db,
        "insert into audit_log (action, created_at) values ('auth.sign_in', now())",
      );
      expect(await databaseRefusal(query(db, 'delete from audit_log'))).toMatch(/append-only/);
    } finally {
      await closeDatabase(db);
    }
  });

  it('refuses to replace a file unless --force, and says how to get pg_dump when it is missing', () => {
    const file = path.join(dir, 'existing.dump');
    fs.writeFileSync(file, 'keep me');
    const refused = backup([file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/already exists; use --force to replace it/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');

    // A PATH with nothing on it (node itself is started by its absolute path).
    const emptyPath = fs.mkdtempSync(path.join(dir, 'bin-'));
    const missing = backup([path.join(dir, 'none.dump')], { PATH: emptyPath });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/pg_dump is not installed.*postgresql-client/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
