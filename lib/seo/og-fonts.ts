import 'server-only';
import fs from 'node:fs/promises';
import { fontCoverage, intersectCoverage, type Coverage } from './font-coverage';

// Fonts for the generated share images: a sans-serif family installed on the machine (DejaVu,
// Liberation, Noto, Arial…), read from disk once. Without one, next/og's own font (Geist,
// shipped inside Next.js) is used, with a conservative coverage of Latin letters that it is
// known to draw. Either way nothing is downloaded: see lib/seo/font-coverage.ts.

export type OgFont = { name: string; data: ArrayBuffer; weight: 400 | 700; style: 'normal' };

/** Regular and bold files of candidate families, first found wins. */
const FAMILIES: ReadonlyArray<{ name: string; regular: string[]; bold: string[] }> = [
  {
    name: 'DejaVu Sans',
    regular: [
      '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
      '/usr/share/fonts/TTF/DejaVuSans.ttf',
      '/usr/share/fonts/dejavu/DejaVuSans.ttf',
      '/usr/local/share/fonts/dejavu/DejaVuSans.ttf',
    ],
    bold: [
      '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
      '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
      '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
      '/usr/local/share/fonts/dejavu/DejaVuSans-Bold.ttf',
    ],
  },
  {
    name: 'Noto Sans',
    regular: [
      '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
      '/usr/share/fonts/noto/NotoSans-Regular.ttf',
    ],
    bold: [
      '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
      '/usr/share/fonts/noto/NotoSans-Bold.ttf',
    ],
  },
  {
    name: 'Liberation Sans',
    regular: [
      '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
      '/usr/share/fonts/liberation/LiberationSans-Regular.ttf',
    ],
    bold: [
      '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
      '/usr/share/fonts/liberation/LiberationSans-Bold.ttf',
    ],
  },
  {
    name: 'Arial',
    regular: [
      '/System/Library/Fonts/Supplemental/Arial.ttf',
      '/Library/Fonts/Arial.ttf',
      'C:\\Windows\\Fonts\\arial.ttf',
    ],
    bold: [
      '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
      '/Library/Fonts/Arial Bold.ttf',
      'C:\\Windows\\Fonts\\arialbd.ttf',
    ],
  },
];

/**
 * What next/og's bundled font (Geist) draws, for machines without any of the families above:
 * Latin (with Vietnamese), Cyrillic and common punctuation, read from its cmap (checked by
 * tests/seo/og-image.test.ts).
 */
export const DEFAULT_FONT_COVERAGE: Coverage = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x113],
  [0x116, 0x12b],
  [0x12e, 0x137],
  [0x139, 0x13e],
  [0x141, 0x148],
  [0x14a, 0x14d],
  [0x150, 0x17e],
  [0x218, 0x21b],
  [0x400, 0x45f],
  [0x1ea0, 0x1ef9],
  [0x2013, 0x2014],
  [0x2018, 0x201a],
  [0x201c, 0x201e],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x2030, 0x2030],
  [0x2032, 0x2033],
  [0x2039, 0x203a],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
];

async function firstReadable(
  paths: readonly string[],
): Promise<{ data: Uint8Array; coverage: Coverage } | null> {
  for (const file of paths) {
    try {
      const data = new Uint8Array(await fs.readFile(file));
      const coverage = fontCoverage(data);
      if (coverage.length > 0) return { data, coverage };
    } catch {
      // Not installed here; try the next one.
    }
  }
  return null;
}

function arrayBuffer(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

async function loadFonts(): Promise<{ fonts: OgFont[] | undefined; coverage: Coverage }> {
  for (const family of FAMILIES) {
    const regular = await firstReadable(family.regular);
    if (!regular) continue;
    const bold = await firstReadable(family.bold);
    const fonts: OgFont[] = [
      { name: family.name, data: arrayBuffer(regular.data), weight: 400, style: 'normal' },
    ];
    if (bold)
      fonts.push({ name: family.name, data: arrayBuffer(bold.data), weight: 700, style: 'normal' });
    // Text is drawn in both weights: keep to what each of them covers.
    const coverage = bold ? intersectCoverage(regular.coverage, bold.coverage) : regular.coverage;
    return { fonts, coverage };
  }
  return { fonts: undefined, coverage: DEFAULT_FONT_COVERAGE };
}

let loaded: Promise<{ fonts: OgFont[] | undefined; coverage: Coverage }> | null = null;

/** The fonts to pass to ImageResponse (undefined: its default) and what they can draw. */
export function ogFonts(): Promise<{ fonts: OgFont[] | undefined; coverage: Coverage }> {
  loaded ??= loadFonts();
  return loaded;
}
