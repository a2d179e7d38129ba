import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublishedReview } from '../../db/queries/public-reviews';
import { covers, drawableText, fontCoverage, intersectCoverage } from '../../lib/seo/font-coverage';
import { DEFAULT_FONT_COVERAGE } from '../../lib/seo/og-fonts';
import { HOSTILE, sampleReview } from './fixtures';

const published = new Map<string, PublishedReview>();
vi.mock('@/db/queries/public-reviews', () => ({
  getPublishedReviewBySlug: async (slug: string) => published.get(slug) ?? null,
}));

const GEIST = path.join(
  process.cwd(),
  'node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf',
);

describe('font coverage', () => {
  const geist = fontCoverage(new Uint8Array(fs.readFileSync(GEIST)));

  it('reads the characters a font draws from its cmap', () => {
    expect(covers(geist, 'A'.codePointAt(0)!)).toBe(true);
    expect(covers(geist, 'é'.codePointAt(0)!)).toBe(true);
    expect(covers(geist, '탈'.codePointAt(0)!)).toBe(false);
    expect(covers(geist, '🎬'.codePointAt(0)!)).toBe(false);
  });

  it('assumes for next/og’s own font only what it really draws', () => {
    for (const [first, last] of DEFAULT_FONT_COVERAGE) {
      for (let code = first; code <= last; code++) {
        expect(covers(geist, code), `U+${code.toString(16)}`).toBe(true);
      }
    }
  });

  it('leaves out what no font covers', () => {
    expect(drawableText('Escape 🎬 탈주\n(2024)  ★', geist)).toBe('Escape (2024)');
    expect(fontCoverage(new Uint8Array([1, 2, 3]))).toEqual([]);
    expect(
      intersectCoverage(
        [
          [0, 10],
          [20, 30],
        ],
        [[5, 25]],
      ),
    ).toEqual([
      [5, 10],
      [20, 25],
    ]);
  });
});

describe('the generated share image', () => {
  const fetches: string[] = [];
  const realFetch = globalThis.fetch;

  beforeEach(() => {
    fetches.length = 0;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      // next/og loads its own WebAssembly from a data: URL; that is not the network.
      if (url.startsWith('data:')) return realFetch(input, init);
      fetches.push(url);
      throw new Error('No network for share images');
    }) as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    published.clear();
  });

  async function image(slug: string) {
    const { default: Image } = await import('../../app/(public)/reviews/[slug]/opengraph-image');
    return Image({ params: Promise.resolve({ slug }) });
  }

  it('is a PNG drawn without the network, whatever the headline holds', async () => {
    published.set('escape-2024', {
      ...sampleReview({
        headline: `Escape 🎬 탈주 ${HOSTILE} ★ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢`,
        rating: { value: 3.5, scale: 5 },
      }),
      countries: [],
      languages: [],
      runtimeMinutes: null,
    } as PublishedReview);
    const response = await image('escape-2024');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toMatch(/s-maxage=\d+/);
    const png = new Uint8Array(await response.arrayBuffer());
    expect(Array.from(png.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(fetches).toEqual([]);
  }, 30_000);

  it('does not exist for a review that is not published', async () => {
    const response = await image('secret-draft');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
