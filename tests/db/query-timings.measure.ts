import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it, vi } from 'vitest';
import { closeDb, getDb } from '../../db/client';
import { addSignedInUser } from '../support/staff';
import { rawSqlite } from '../support/raw-sqlite';

// Not a check: a measurement, run on demand (vitest.measure.config.mts). It times the data functions behind each
// page with the reader cache out of the way (what a page costs when it is rendered again after a
// publish), on copies of the fixture files named, and prints a table:
//
//   QUERY_TIMINGS=/tmp/review-cms-fixtures/reviews-1000-….db,/tmp/review-cms-fixtures/reviews-100000-….db \
//     npx vitest run --config vitest.measure.config.mts
//
// (npm run bench leaves its fixtures in that folder; or npm run db:generate-fixtures.)

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));

const files = (process.env.QUERY_TIMINGS ?? '').split(',').filter(Boolean);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-timings-'));
afterAll(async () => {
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Mean milliseconds per call. */
async function time(run: () => unknown, times: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < times; i++) await run();
  return (performance.now() - started) / times;
}

if (files.length === 0)
  throw new Error('Name the fixture files in QUERY_TIMINGS (comma-separated).');

describe('query timings', () => {
  it('per data function, per fixture', async () => {
    const table = new Map<string, string[]>();
    for (const [n, source] of files.entries()) {
      const copy = path.join(dir, `${n}.db`);
      fs.copyFileSync(source, copy);
      await closeDb();
      process.env.DATABASE_URL = copy;
      const db = getDb();
      session.current = { sid: (await addSignedInUser('admin', 'timings@example.test')).sid };
      const one = <T>(sql: string) => rawSqlite(db).prepare(sql).get() as T;
      const published = one<{ n: number }>('select count(*) as n from published_reviews').n;
      const slug = one<{ slug: string }>(
        `select slug from published_reviews order by published_at limit 1 offset ${Math.floor(published / 2)}`,
      ).slug;
      const genre = one<{ slug: string }>(
        `select g.slug from genres g join review_genres rg on rg.genre_id = g.id
         group by g.id order by count(*) desc limit 1`,
      ).slug;
      const person = one<{ slug: string }>(
        `select p.slug from people p join credits c on c.person_id = p.id
         group by p.id order by count(*) desc limit 1`,
      ).slug;
      const reviewId = one<{ id: number }>('select id from reviews where version > 2 limit 1').id;
      const pr = await import('../../db/queries/public-reviews');
      const pt = await import('../../db/queries/public-taxonomy');
      const search = await import('../../db/queries/search');
      const feed = await import('../../db/queries/public-feed');
      const admin = await import('../../db/queries/admin-reviews');
      const audit = await import('../../db/queries/audit');
      const history = await import('../../db/reviews/history');
      const cases: Array<[string, () => unknown, number]> = [
        ['home page 1', () => pr.listPublishedReviews({ limit: 12 }), 50],
        ['home page 50', () => pr.listPublishedReviews({ limit: 12, offset: 588 }), 50],
        ['review page (by slug)', () => pr.getPublishedReviewBySlug(slug), 50],
        ['related reviews', () => pt.listRelatedReviews(slug), 50],
        ['genre page 1 (largest genre)', () => pt.getGenrePage(genre, 1), 50],
        ['person page 1 (most credited)', () => pt.getPersonPage(person, 1), 50],
        ['search "harbour"', () => search.searchPublishedReviews('harbour'), 10],
        ['search "the" (every review)', () => search.searchPublishedReviews('the'), 5],
        ['feed', () => feed.listFeedReviews(), 20],
        ['admin dashboard', () => admin.listReviewsForStaff(), 50],
        ['admin: status "scheduled"', () => admin.listReviewsForStaff({ status: 'scheduled' }), 50],
        ['admin: title "harbour"', () => admin.listReviewsForStaff({ search: 'harbour' }), 20],
        ['admin: title "the"', () => admin.listReviewsForStaff({ search: 'the' }), 10],
        ['audit log page 1', () => audit.listAuditLog({ page: 1 }), 50],
        ['revision history', () => history.listRevisions(reviewId, { page: 1 }), 50],
        ['sitemap: counts', () => feed.getSitemapCounts(), 5],
        ['sitemap: reviews-1.xml', () => feed.getSitemapPart('reviews', 1), 3],
        ['sitemap: people-1.xml', () => feed.getSitemapPart('people', 1), 3],
      ];
      // One untimed pass first, so the first fixture is not also timing the JIT's warm-up.
      for (const [, run] of cases) await run();
      for (const [name, run, times] of cases) {
        const ms = await time(run, times);
        table.set(name, [...(table.get(name) ?? []), ms.toFixed(2)]);
      }
      table.set('(published reviews)', [
        ...(table.get('(published reviews)') ?? []),
        `${published}`,
      ]);
    }
    const lines = [
      `| data function | ${files.map((file) => path.basename(file)).join(' | ')} |`,
      `| --- | ${files.map(() => '---:').join(' | ')} |`,
      ...[...table].map(([name, values]) => `| ${name} | ${values.join(' | ')} |`),
    ];
    console.log(`Mean ms per call:\n${lines.join('\n')}`);
  }, 600_000);
});
