import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import nextConfig from '../../next.config';
import { VARIANT_WIDTHS } from '../../lib/media/constants';
import mediaImageLoader, { variantWidthFor } from '../../lib/media/image-loader';

const load = (src: string, width: number) => mediaImageLoader({ src, width });

describe('the next/image loader', () => {
  it.each([
    [1, 320],
    [320, 320],
    [321, 640],
    [640, 640],
    [750, 960],
    [1080, 1280],
    [1920, 1920],
    [3840, 1920],
  ])('serves width %i from the %i variant', (width, variant) => {
    expect(variantWidthFor(width)).toBe(variant);
    expect(load('/media/42', width)).toBe(`/media/42/${variant}.webp`);
  });

  it.each([
    '/logo.png',
    '/media/0',
    '/media/-1',
    '/media/abc',
    '/media/4/640.webp',
    '/media/4?x=1',
  ])('leaves %s alone: it is not an upload', (src) => {
    expect(load(src, 640)).toBe(src);
  });

  it('is the loader next.config.ts installs, asked only for widths that exist', () => {
    expect(nextConfig.images).toMatchObject({
      loader: 'custom',
      loaderFile: './lib/media/image-loader.ts',
      imageSizes: [],
    });
    // next/image builds srcset from deviceSizes and imageSizes: each must be a variant.
    expect(nextConfig.images?.deviceSizes).toEqual([...VARIANT_WIDTHS]);
  });

  it('imports nothing from Node, since it runs in the browser', () => {
    for (const file of ['lib/media/image-loader.ts', 'lib/media/constants.ts']) {
      const source = fs.readFileSync(path.resolve(__dirname, '../..', file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      expect(imports.every((name) => name === 'next/image' || name!.startsWith('./'))).toBe(true);
      expect(source).not.toMatch(/node:|require\(/);
    }
  });
});
