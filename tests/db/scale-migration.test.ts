import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { closeSqliteDatabase } from '../../db/engine/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../db/migrate';
import { temporaryDatabasePath } from '../support/temp-db';
import { rawSqlite } from '../support/raw-sqlite';

// drizzle/sqlite/0005_scale.sql adds published_at to review_genres and credits (NOT NULL, so with a
// default of 0 in SQLite) and fills it from the published projection; 0006 indexes the titles
// of the reviews already there. A database from before them must come out as if it had been
// written by today's publishRevision.

const file = temporaryDatabasePath();
const db = openDatabase(file);
afterAll(async () => {
  await closeSqliteDatabase(db);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

/** The migrations up to and including `tag`, in a folder of their own. */
function migrationsUpTo(tag: string): string {
  const folder = path.join(path.dirname(file), 'drizzle-before');
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(
    fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  const entries = journal.entries.slice(0, last + 1);
  for (const entry of entries)
    fs.copyFileSync(
      path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`),
      path.join(folder, `${entry.tag}.sql`),
    );
  fs.writeFileSync(
    path.join(folder, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries }),
  );
  return folder;
}

describe('migrating a database from before 0005_scale', () => {
  it('fills published_at from the projection and indexes existing titles', async () => {
    migrate(drizzle({ client: rawSqlite(db) }), {
      migrationsFolder: migrationsUpTo('0004_search'),
    });
    const sql = rawSqlite(db);
    const at = Date.UTC(2024, 4, 1);
    sql
      .prepare(
        `insert into reviews (id, slug, status, headline, work_title, created_at, updated_at)
         values (1, 'escape-2024', 'published', 'Escape, reviewed', 'Escape', ?, ?)`,
      )
      .run(at, at);
    sql
      .prepare(
        `insert into review_revisions (id, review_id, version, kind, created_at, content)
         values (1, 1, 1, 'create', ?, '{}')`,
      )
      .run(at);
    sql
      .prepare(
        `insert into published_reviews (review_id, revision_id, slug, headline, dek, work_title,
           kind, countries, languages, published_at, updated_at)
         values (1, 1, 'escape-2024', 'Escape, reviewed', '', 'Escape', 'film', '[]', '[]', ?, ?)`,
      )
      .run(at, at + 1000);
    sql
      .prepare(`insert into people (id, name, slug, created_at) values (1, 'Lee', 'lee', ?)`)
      .run(at);
    sql.prepare(`insert into genres (id, name, slug) values (1, 'Thriller', 'thriller')`).run();
    sql
      .prepare(
        `insert into credits (review_id, person_id, role, position) values (1, 1, 'director', 0)`,
      )
      .run();
    sql.prepare(`insert into review_genres (review_id, genre_id, position) values (1, 1, 0)`).run();

    await migrateDatabase(db);

    expect(sql.prepare('select published_at from credits').pluck().get()).toBe(at);
    expect(sql.prepare('select published_at from review_genres').pluck().get()).toBe(at);
    expect(
      sql
        .prepare(
          `select rowid from review_title_trigrams where review_title_trigrams match '"scape"'`,
        )
        .pluck()
        .all(),
    ).toEqual([1]);
    expect(
      sql
        .prepare(`select rowid from review_title_words where review_title_words match '"es"*'`)
        .pluck()
        .all(),
    ).toEqual([1]);
    // And the triggers keep them in step from now on.
    sql
      .prepare(
        `update reviews set headline = 'Flight, reviewed', work_title = 'Flight' where id = 1`,
      )
      .run();
    expect(
      sql
        .prepare(
          `select rowid from review_title_trigrams where review_title_trigrams match '"scape"'`,
        )
        .pluck()
        .all(),
    ).toEqual([]);
    expect(
      sql
        .prepare(
          `select rowid from review_title_trigrams where review_title_trigrams match '"flig"'`,
        )
        .pluck()
        .all(),
    ).toEqual([1]);
    sql.prepare('delete from reviews where id = 1').run();
    expect(
      sql
        .prepare(`select count(*) from review_title_words where review_title_words match '"fl"*'`)
        .pluck()
        .get(),
    ).toBe(0);
    expect(sql.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
