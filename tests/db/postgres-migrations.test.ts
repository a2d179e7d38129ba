import fs from 'node:fs';
import path from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { MIGRATION_FOLDERS } from '../../db/migrate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgSchema from '../../db/schema-postgres';
import {
  createThrowawayDatabases,
  postgresDatabaseUrl,
  throwawayName,
} from '../support/throwaway-postgres';

// The drizzle/postgres migrations, applied to a database of their own on a real server
// (issue 16): they must build exactly db/schema-postgres.ts, plus the hand-written parts the
// schema cannot express (the append-only audit log, the reader search table).

const MIGRATIONS_FOLDER = MIGRATION_FOLDERS.postgres;
const DATABASE = throwawayName();

let databases: Awaited<ReturnType<typeof createThrowawayDatabases>> | undefined;
let pool: pg.Pool;

beforeAll(async () => {
  databases = await createThrowawayDatabases([DATABASE]);
  pool = new pg.Pool({ connectionString: postgresDatabaseUrl(DATABASE), max: 2 });
  // Dropping the database afterwards (WITH FORCE) ends connections still idle here.
  pool.on('error', () => {});
  await migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_FOLDER });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await databases?.dropAll();
}, 60_000);

/** The SQLSTATE a statement fails with, or 'no error'. */
async function failure(statement: string, params: unknown[] = []): Promise<string> {
  try {
    await pool.query(statement, params);
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from "${table}" where ${where}`,
    params,
  );
  return rows[0]!.n;
}

async function insertUser(email: string): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `insert into users (email, name, role, created_at, updated_at)
     values ($1, 'Ada', 'editor', now(), now()) returning id`,
    [email],
  );
  return rows[0]!.id;
}

describe('PostgreSQL migrations', () => {
  it('create every table of db/schema-postgres.ts with its columns, and the search table', async () => {
    const { rows } = await pool.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' order by table_name, ordinal_position`,
    );
    const actual = new Map<string, string[]>();
    for (const row of rows) {
      actual.set(row.table_name, [...(actual.get(row.table_name) ?? []), row.column_name]);
    }
    const tables = Object.values(pgSchema).filter((value) => is(value, PgTable));
    expect(tables).toHaveLength(19);
    for (const table of tables) {
      const name = getTableName(table);
      const columns = getTableConfig(table).columns.map((column) => column.name);
      expect(actual.get(name), `table ${name}`).toEqual(columns);
    }
    expect(actual.get('review_search')).toEqual([
      'review_id',
      'headline',
      'work_title',
      'dek',
      'people',
      'body',
      'document',
    ]);
    const { rows: gin } = await pool.query(
      `select 1 from pg_indexes where indexname = 'review_search_document_gin_idx'
       and indexdef like '%USING gin (document)%'`,
    );
    expect(gin).toHaveLength(1);
  });

  it('are recorded once each and skipped when already applied', async () => {
    await migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_FOLDER });
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    const { rows } = await pool.query<{ n: number }>(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    expect(rows[0]!.n).toBe(journal.entries.length);
  });

  it('refuse a value outside a vocabulary with a check violation (23514)', async () => {
    expect(
      await failure(
        `insert into users (email, name, role, created_at, updated_at)
         values ('owner@example.com', 'Owner', 'owner', now(), now())`,
      ),
    ).toBe('23514');
    expect(
      await failure(
        `insert into reviews (slug, status, created_at, updated_at)
         values ('a-review', 'lost', now(), now())`,
      ),
    ).toBe('23514');
    expect(
      await failure(
        `insert into reviews (slug, created_at, updated_at) values ('Not A Slug', now(), now())`,
      ),
    ).toBe('23514');
    // PostgreSQL 15 has no IS JSON: the check's cast fails first, with invalid_text_representation.
    const reviewId = await insertReview('json-check');
    expect(
      await failure(
        `insert into review_revisions (review_id, version, kind, content, created_at)
         values ($1, 1, 'create', '{not json', now())`,
        [reviewId],
      ),
    ).toBe('22P02');
  });

  it('keep explicit ids, as a copy from SQLite needs', async () => {
    await pool.query(`insert into genres (id, name, slug) values (4242, 'Noir', 'noir')`);
    expect(await count('genres', 'id = 4242')).toBe(1);
  });

  it('cascade a deleted review through its revisions, projection, sections and search row', async () => {
    const authorId = await insertUser('cascade@example.com');
    const reviewId = await insertReview('cascade', authorId);
    const { rows } = await pool.query<{ id: number }>(
      `insert into review_revisions (review_id, version, kind, content, created_at, author_id)
       values ($1, 1, 'publish', '{}', now(), $2) returning id`,
      [reviewId, authorId],
    );
    const revisionId = rows[0]!.id;
    await pool.query(
      `insert into published_reviews (review_id, revision_id, slug, headline, dek, work_title,
         kind, countries, languages, published_at, updated_at, author_id)
       values ($1, $2, 'cascade', 'H', 'D', 'W', 'film', '[]', '[]', now(), now(), $3)`,
      [reviewId, revisionId, authorId],
    );
    await pool.query(
      `insert into sections (id, review_id, kind, heading, body, position)
       values ('s1', $1, 'plot', 'Plot', '{"type":"doc"}', 0)`,
      [reviewId],
    );
    await pool.query(
      `insert into review_search (review_id, headline, work_title, dek, people, body, document)
       values ($1, 'H', 'W', 'D', '', '', to_tsvector('simple', 'H W D'))`,
      [reviewId],
    );

    // on delete set null, as on SQLite: the author goes, the review stays.
    await pool.query('delete from users where id = $1', [authorId]);
    expect(await count('reviews', 'id = $1 and author_id is null', [reviewId])).toBe(1);

    await pool.query('delete from reviews where id = $1', [reviewId]);
    for (const table of ['review_revisions', 'published_reviews', 'sections', 'review_search']) {
      expect(await count(table, 'review_id = $1', [reviewId]), table).toBe(0);
    }
  });

  it('keep the audit log append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await pool.query(
      `insert into audit_log (created_at, action, actor_email) values (now(), 'auth.sign_in', 'a@b.c')`,
    );
    for (const statement of [
      `update audit_log set actor_email = 'x@y.z'`,
      'delete from audit_log',
      'truncate audit_log',
    ]) {
      await expect(pool.query(statement), statement).rejects.toThrow('audit_log is append-only');
    }
    expect(await count('audit_log', `actor_email = 'a@b.c'`)).toBe(1);
  });
});

async function insertReview(slug: string, authorId: number | null = null): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `insert into reviews (slug, author_id, created_at, updated_at)
     values ($1, $2, now(), now()) returning id`,
    [slug, authorId],
  );
  return rows[0]!.id;
}
