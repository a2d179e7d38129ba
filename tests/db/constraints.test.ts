import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createTestDatabase } from '../support/temp-db';
import { rawSqlite } from '../support/raw-sqlite';

let db: Db;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup());

function insertReview(slug: string, status = 'draft') {
  return rawSqlite(db)
    .prepare('insert into reviews (slug, status, created_at, updated_at) values (?, ?, ?, ?)')
    .run(slug, status, Date.now(), Date.now());
}

describe('the database refuses invalid reviews', () => {
  it('refuses a duplicate slug', () => {
    insertReview('duplicate-me');
    expect(() => insertReview('duplicate-me')).toThrow(/UNIQUE constraint failed: reviews.slug/);
  });

  it('refuses a status outside the workflow', () => {
    expect(() => insertReview('bad-status', 'deleted')).toThrow(
      /CHECK constraint failed: reviews_status_check/,
    );
  });

  it('refuses a slug that is not lowercase letters, digits and hyphens', () => {
    expect(() => insertReview('Has Spaces')).toThrow(/reviews_slug_format_check/);
    expect(() => insertReview('')).toThrow(/reviews_slug_format_check/);
  });

  it('refuses a scheduled review without a time', () => {
    expect(() => insertReview('no-time', 'scheduled')).toThrow(/reviews_scheduled_check/);
  });

  it('refuses a rating above its scale', () => {
    expect(() =>
      rawSqlite(db)
        .prepare(
          'insert into reviews (slug, rating_value, rating_scale, created_at, updated_at) values (?, ?, ?, ?, ?)',
        )
        .run('too-high', 6, 5, Date.now(), Date.now()),
    ).toThrow(/reviews_rating_check/);
  });
});

describe('the database refuses invalid users and credits', () => {
  it('refuses an unknown role and a duplicate email', () => {
    const insertUser = rawSqlite(db).prepare(
      'insert into users (email, name, role, created_at, updated_at) values (?, ?, ?, ?, ?)',
    );
    insertUser.run('ed@example.com', 'Ed', 'editor', Date.now(), Date.now());
    expect(() =>
      insertUser.run('ed@example.com', 'Ed again', 'editor', Date.now(), Date.now()),
    ).toThrow(/UNIQUE constraint failed: users.email/);
    expect(() =>
      insertUser.run('root@example.com', 'Root', 'superuser', Date.now(), Date.now()),
    ).toThrow(/users_role_check/);
  });

  it('enforces foreign keys', () => {
    expect(() =>
      rawSqlite(db)
        .prepare('insert into credits (review_id, person_id, role, position) values (?, ?, ?, ?)')
        .run(999, 999, 'director', 0),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });
});
