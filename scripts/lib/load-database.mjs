// What the mixed-load script (scripts/mixed-load.mjs) reads from the database it ran against,
// on either engine: the pages and reviews to load before the run, and afterwards whether every
// acknowledged save and publish is there. Queries are written once with `?` placeholders; on
// PostgreSQL they become $1, $2….
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl, verifySaves, verifySavesPostgres } from './load-support.mjs';

/** `?` placeholders numbered for PostgreSQL ($1, $2…). No query here has a `?` in a literal. */
const numbered = (text) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/**
 * The database at `target` (a SQLite file or a postgres:// URL), read only: `rows(sql, params)`,
 * `value(sql, params)` (the first column of the first row), `close()`.
 */
export async function openLoadDatabase(target) {
  if (isPostgresUrl(target)) {
    const client = new pg.Client({ connectionString: target, connectionTimeoutMillis: 5000 });
    await client.connect();
    const rows = async (text, params = []) => (await client.query(numbered(text), params)).rows;
    return {
      engine: 'postgres',
      rows,
      value: async (text, params) => {
        const [first] = await rows(text, params);
        return first === undefined ? undefined : Object.values(first)[0];
      },
      close: () => client.end(),
    };
  }
  const db = new Database(target, { readonly: true, fileMustExist: true });
  return {
    engine: 'sqlite',
    db,
    rows: async (text, params = []) => db.prepare(text).all(...params),
    value: async (text, params = []) =>
      db
        .prepare(text)
        .pluck()
        .get(...params),
    close: async () => db.close(),
  };
}

/** The slugs of the `n` genres with the most reviews: the heaviest genre pages. */
async function largestGenres(db, n) {
  const rows = await db.rows(
    `select g.slug from genres g join review_genres rg on rg.genre_id = g.id
     group by g.id, g.slug order by count(*) desc, g.slug limit ?`,
    [n],
  );
  return rows.map((row) => row.slug);
}

/** The slugs of the `n` most credited people: the heaviest person pages. */
async function mostCreditedPeople(db, n) {
  const rows = await db.rows(
    `select p.slug from people p join credits c on c.person_id = p.id
     group by p.id, p.slug order by count(*) desc, p.slug limit ?`,
    [n],
  );
  return rows.map((row) => row.slug);
}

/** Reader paths and the reviews the editors work on, picked from the database. */
export async function pickTargets(target, reviewCount) {
  const db = await openLoadDatabase(target);
  try {
    const published = Number(await db.value('select count(*) from published_reviews'));
    const sample = async (n) =>
      (
        await db.rows(
          `select review_id as id, slug from published_reviews order by published_at desc
           limit 1 offset ?`,
          [Math.floor(Math.random() * Math.min(published, n))],
        )
      )[0];
    const readerReviews = [];
    for (let i = 0; i < 20; i++) readerReviews.push(await sample(i < 10 ? 50 : published));
    // Published reviews with at least two sections, from the newest hundred: editing them changes
    // what readers see on the home page.
    const edited = await db.rows(
      `select p.review_id as id, p.slug from published_reviews p
       where (select count(*) from sections s where s.review_id = p.review_id) >= 2
       order by p.published_at desc limit ?`,
      [reviewCount],
    );
    const genres = await largestGenres(db, 5);
    const people = await mostCreditedPeople(db, 5);
    const paths = [
      '/',
      '/page/2',
      ...readerReviews.map((review) => `/reviews/${review.slug}`),
      ...edited.map((review) => `/reviews/${review.slug}`),
      ...genres.map((slug) => `/genres/${slug}`),
      ...people.map((slug) => `/people/${slug}`),
      '/search?q=harbour',
      '/search?q=winter+garden',
      '/feed.xml',
    ];
    return {
      paths,
      edited: edited.map((row) => ({ id: Number(row.id), slug: row.slug })),
      published,
    };
  } finally {
    await db.close();
  }
}

/** The whole database reads back: SQLite's integrity_check, or every PostgreSQL table in full. */
async function integrityProblems(db) {
  if (db.engine === 'sqlite') {
    const integrity = db.db.pragma('integrity_check', { simple: true });
    return integrity === 'ok' ? [] : [`integrity_check: ${integrity}`];
  }
  const problems = [];
  const tables = await db.rows(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
      where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  );
  for (const { name } of tables) {
    // Every row whole, its TOASTed values included.
    await db.rows(`select count(*), sum(length(t::text)) from ${name} t`).catch((error) => {
      problems.push(`reading ${name}: ${error.message}`);
    });
  }
  return problems;
}

/**
 * Checks the database after a run: it reads back whole, and every acknowledged save and publish
 * of the `edited` reviews is there, with no gap in their versions and readers on the last
 * publish. Returns the failures and how many revisions the database holds.
 */
export async function verifyLoad(target, stats, edited) {
  const db = await openLoadDatabase(target);
  try {
    const failures = await integrityProblems(db);
    for (const review of edited) {
      const acks = stats.saves.filter((save) => save.reviewId === review.id);
      failures.push(
        ...(db.engine === 'sqlite'
          ? verifySaves(db.db, review.id, acks)
          : await verifySavesPostgres(target, review.id, acks)),
      );
      const versions = (
        await db.rows('select version from review_revisions where review_id = ? order by version', [
          review.id,
        ])
      ).map((row) => Number(row.version));
      if (versions.some((version, i) => version !== i + 1))
        failures.push(`review ${review.id}: revision versions have a gap`);
      const publishes = stats.publishes.filter((p) => p.reviewId === review.id);
      for (const publish of publishes) {
        const kind = await db.value(
          'select kind from review_revisions where review_id = ? and version = ?',
          [review.id, publish.version],
        );
        if (kind !== 'publish')
          failures.push(
            `review ${review.id}: acknowledged publish v${publish.version} is ${kind ?? 'missing'}`,
          );
      }
      if (publishes.length > 0) {
        const newest = Math.max(...publishes.map((p) => p.version));
        const live = Number(
          await db.value(
            `select r.version from published_reviews p join review_revisions r on r.id = p.revision_id
             where p.review_id = ?`,
            [review.id],
          ),
        );
        if (live !== newest)
          failures.push(
            `review ${review.id}: readers see v${live}, the last publish was v${newest}`,
          );
      }
    }
    return {
      failures,
      revisions: Number(await db.value('select count(*) from review_revisions')),
    };
  } finally {
    await db.close();
  }
}

/**
 * What the benchmarks measure, picked from the database: a review from the middle of the
 * catalogue (not the newest, which the home page shows), the biggest genre and the most
 * credited person (their pages are the heaviest), and a review for the saves with at least as
 * many sections as `saveClients`, if there is one.
 */
export async function pickBenchTargets(target, saveClients) {
  const db = await openLoadDatabase(target);
  try {
    const one = async (text, params) => (await db.rows(text, params))[0];
    const published = Number(await db.value('select count(*) from published_reviews'));
    if (published === 0) throw new Error('The database has no published review to measure.');
    const review = await one(
      `select review_id as id, slug from published_reviews order by published_at, review_id
       limit 1 offset ?`,
      [Math.floor(published / 2)],
    );
    const [genre] = await largestGenres(db, 1);
    const [person] = await mostCreditedPeople(db, 1);
    const saved = await one(
      `select s.review_id as id from sections s group by s.review_id
       order by count(*) >= ? desc, s.review_id limit 1`,
      [saveClients],
    );
    const users = Number(await db.value('select count(*) from users'));
    return {
      review: { id: Number(review.id), slug: review.slug },
      genre,
      person,
      saved: saved === undefined ? undefined : Number(saved.id),
      users,
      published,
    };
  } finally {
    await db.close();
  }
}
