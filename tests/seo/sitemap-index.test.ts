import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '../../db/client';
import { copyDatabase } from '../../db/copy/copy-database';
import { parseEndpoint } from '../../db/copy/endpoints';
import { generateFixtures } from '../../db/fixtures/generate';
import { getSitemapCounts, getSitemapData, getSitemapPart } from '../../db/queries/public-feed';
import {
  buildSitemapIndexXml,
  parseSitemapFile,
  SITEMAP_FILE_URLS,
  SITEMAP_URL_LIMIT,
  sitemapFiles,
} from '../../lib/seo/sitemap';
import { parseXml } from './fixtures';
import {
  createThrowawayDatabases,
  postgresDatabaseUrl,
  throwawayName,
} from '../support/throwaway-postgres';

const ROOT = path.resolve(import.meta.dirname, '../..');

// A large site's sitemap: an index at /sitemap.xml pointing at files of SITEMAP_FILE_URLS, each
// read from the database on its own (a single file would be cut at 50,000 URLs, and its data
// would be too big for Next's cache).

describe('sitemapFiles', () => {
  it('is one file while everything fits, an index of files beyond', () => {
    expect(sitemapFiles({ reviews: 100, genres: 10, people: 200 })).toEqual({ single: true });
    expect(sitemapFiles({ reviews: 25_000, genres: 25, people: 12_000 }, 10_000)).toEqual({
      single: false,
      files: [
        'pages.xml',
        'reviews-1.xml',
        'reviews-2.xml',
        'reviews-3.xml',
        'genres-1.xml',
        'people-1.xml',
        'people-2.xml',
      ],
    });
    expect(SITEMAP_FILE_URLS).toBeLessThanOrEqual(SITEMAP_URL_LIMIT);
  });

  it('accepts only the names the index gives', () => {
    expect(parseSitemapFile('pages.xml')).toEqual({ kind: 'pages' });
    expect(parseSitemapFile('reviews-12.xml')).toEqual({ kind: 'reviews', part: 12 });
    expect(parseSitemapFile('people-1.xml')).toEqual({ kind: 'people', part: 1 });
    for (const name of [
      'reviews-0.xml',
      'reviews-01.xml',
      'users-1.xml',
      '../x',
      'genres-1.xml.gz',
    ])
      expect(parseSitemapFile(name)).toBeNull();
  });

  it('writes a sitemap index with escaped locations', () => {
    const xml = buildSitemapIndexXml(['https://x.example/sitemaps/pages.xml', 'https://x/<a&b>']);
    const parsed = parseXml(xml) as {
      sitemapindex: { '@xmlns': string; sitemap: Array<{ loc: string }> };
    };
    expect(parsed.sitemapindex['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(parsed.sitemapindex.sitemap.map((s) => s.loc)).toEqual([
      'https://x.example/sitemaps/pages.xml',
      'https://x/<a&b>',
    ]);
    expect(xml).not.toContain('<a&b>');
  });
});

describe('the sitemap parts', () => {
  let dir: string;
  let dropCopy = async () => {};
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-sitemap-'));
    const file = path.join(dir, 'fixtures.db');
    const options = { reviews: 200, seed: 3 };
    let url = file;
    if (process.env.TEST_ENGINE === 'postgres') {
      // The fixture generator writes a SQLite file of its own (db/fixtures): run as an operator
      // runs it, in a process on SQLite, then copied into a throwaway PostgreSQL database by
      // npm run db:copy's own code, as an operator would.
      const run = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
          'scripts/generate-fixtures.ts',
          ...['--reviews', String(options.reviews), '--seed', String(options.seed)],
          ...['--database', file],
        ],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: path.join(dir, 'app.db') },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const name = throwawayName('sitemap');
      const server = await createThrowawayDatabases([name]);
      dropCopy = () => server.dropAll();
      url = postgresDatabaseUrl(name);
      const copied = await copyDatabase({
        from: parseEndpoint(file, dir),
        to: parseEndpoint(url, dir),
        force: false,
        log: () => {},
      });
      expect(copied.ok).toBe(true);
    } else {
      await generateFixtures({ file, ...options, now: new Date('2026-02-01T00:00:00Z') });
    }
    await closeDb();
    process.env.DATABASE_URL = url;
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    await dropCopy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('together list exactly what the one-file sitemap lists, in the same order', async () => {
    const whole = await getSitemapData();
    const counts = await getSitemapCounts();
    expect(counts).toEqual({
      reviews: whole.reviews.length,
      genres: whole.genres.length,
      people: whole.people.length,
    });
    const size = 37;
    for (const kind of ['reviews', 'genres', 'people'] as const) {
      const parts = [];
      for (let part = 1; part <= Math.ceil(counts[kind] / size); part++) {
        const rows = await getSitemapPart(kind, part, size);
        expect(rows.length).toBeLessThanOrEqual(size);
        parts.push(...rows);
      }
      expect(parts).toEqual(whole[kind]);
    }
    expect(await getSitemapPart('reviews', 1000, size)).toEqual([]);
  });
});

describe('the sitemap routes of a large site', () => {
  const counts = { reviews: 2 * SITEMAP_FILE_URLS + 5, genres: 25, people: SITEMAP_FILE_URLS };
  beforeAll(() => {
    process.env.SITE_URL = 'https://reviews.example';
    vi.doMock('../../db/queries/public-feed', () => ({
      getSitemapCounts: vi.fn(async () => counts),
      getSitemapData: vi.fn(async () => {
        throw new Error('a large site is never read whole');
      }),
      getSitemapPart: vi.fn(async (kind: string, part: number) => [
        { slug: `${kind}-${part}-first`, updatedAt: '2026-01-02T03:04:05.000Z' },
      ]),
    }));
  });
  afterAll(() => {
    vi.doUnmock('../../db/queries/public-feed');
    delete process.env.SITE_URL;
  });

  it('/sitemap.xml is an index of the files, and each file answers', async () => {
    const { GET: index } = await import('../../app/sitemap.xml/route');
    const { GET: file } = await import('../../app/sitemaps/[file]/route');
    const response = await index();
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const parsed = parseXml(await response.text()) as {
      sitemapindex: { sitemap: Array<{ loc: string }> };
    };
    const locs = parsed.sitemapindex.sitemap.map((s) => s.loc);
    expect(locs).toEqual([
      'https://reviews.example/sitemaps/pages.xml',
      'https://reviews.example/sitemaps/reviews-1.xml',
      'https://reviews.example/sitemaps/reviews-2.xml',
      'https://reviews.example/sitemaps/reviews-3.xml',
      'https://reviews.example/sitemaps/genres-1.xml',
      'https://reviews.example/sitemaps/people-1.xml',
    ]);
    const get = (name: string) =>
      file(new Request(`https://reviews.example/sitemaps/${name}`), {
        params: Promise.resolve({ file: name }),
      });
    const reviews = await get('reviews-3.xml');
    expect(reviews.status).toBe(200);
    const urlset = parseXml(await reviews.text()) as { urlset: { url: Array<{ loc: string }> } };
    expect([urlset.urlset.url].flat().map((u) => u.loc)).toEqual([
      'https://reviews.example/reviews/reviews-3-first',
    ]);
    const pages = parseXml(await (await get('pages.xml')).text()) as {
      urlset: { url: Array<{ loc: string; lastmod?: string }> };
    };
    expect(pages.urlset.url).toEqual([
      { loc: 'https://reviews.example/', lastmod: '2026-01-02T03:04:05.000Z' },
      { loc: 'https://reviews.example/about' },
    ]);
    for (const missing of ['reviews-4.xml', 'people-2.xml', 'other.xml', 'reviews-1.xml.gz'])
      expect((await get(missing)).status).toBe(404);
  });
});
