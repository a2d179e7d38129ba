import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_BYTES, reviewContentSchema } from '../../../lib/content/review-content';
import { isAppError } from '../../../lib/errors/app-error';
import {
  importArticle,
  sectionText,
  type ImportFormat,
  type ImportResult,
} from '../../../lib/import';
import { textRun, type Block } from '../../../lib/import/blocks';
import { repairText } from '../../../lib/import/repair';
import { sectionBodies } from '../../../lib/import/rich-text';
import { structureArticle } from '../../../lib/import/structure';
import {
  fill,
  fillBytes,
  HOSTILE_UNITS,
  hostileString,
  KB,
  MB,
  NAMED_UNITS,
  returnsInTime,
  timed,
  timeLimit,
} from './hostile';

// The importer (lib/import/index.ts), fed hostile articles as text, Markdown and HTML. Its
// contract: content that passes the content schema, or an `invalid` AppError for what is not
// an article (binary, empty, over 2 MB, too long for one review). Any other exception is a
// bug, and so is a time that grows faster than the article.

/**
 * The importer decodes, repairs, parses, structures and validates every article, so it may take
 * four times the suite's per-byte bound: still seconds, where a quadratic step takes minutes.
 */
const SLACK = 4;
const FORMATS = ['text', 'markdown', 'html'] as const;

type Outcome = { result: ImportResult | null; refusal: string | null; ms: number };

function imported(
  label: string,
  text: string,
  format: ImportFormat | 'auto',
  slack = SLACK,
): Outcome {
  const run = timed(() => importArticle({ text }, { format }));
  expect(run.ms, `${label} (${format}) took ${run.ms.toFixed(0)} ms`).toBeLessThan(
    timeLimit(text.length, slack),
  );
  if (!run.ok) {
    if (!isAppError(run.error, 'invalid'))
      throw new Error(`${label} (${format}) threw ${String(run.error)}`, { cause: run.error });
    return { result: null, refusal: run.error.message, ms: run.ms };
  }
  const checked = reviewContentSchema.safeParse(run.value.content);
  expect(checked.success, `${label} (${format}): the content fails the schema`).toBe(true);
  return { result: run.value, refusal: null, ms: run.ms };
}

const allText = (result: ImportResult | null) =>
  result
    ? [
        result.content.headline,
        result.content.dek,
        ...result.content.sections.map((s) => `${s.heading}\n${sectionText(s.body)}`),
      ].join('\n')
    : '';

// Each test checks its own time limits; vitest's timeout only has to let them finish.
const LONG = { timeout: 60_000 };

describe('importArticle on hostile articles', LONG, () => {
  it.each([...FORMATS, 'auto' as const])('answers any %s article', (format) => {
    fc.assert(
      fc.property(hostileString(30, 1000), (text) => {
        imported('a generated article', text, format);
      }),
      // No shrinking: a slow case shrunk by re-running it would take minutes.
      { numRuns: 20, endOnFailure: true },
    );
  });

  it('answers any uploaded bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4000 }),
        fc.constantFrom(...FORMATS),
        (bytes, format) => {
          const run = timed(() => importArticle({ bytes, fileName: 'x.bin' }, { format }));
          if (!run.ok && !isAppError(run.error, 'invalid')) throw run.error;
          expect(run.ms).toBeLessThan(timeLimit(bytes.length, SLACK));
        },
      ),
      { numRuns: 100 },
    );
  });

  // Every shape as plain text; as Markdown and HTML, the named ones and those of their syntax.
  const MARKUP_SHAPES = new Set([
    '<a>',
    '</',
    '<!--',
    'markdown marks',
    'a_',
    'http',
    'url',
    'entities',
    'javascript link',
  ]);
  it.each(FORMATS)('answers 100 KB of each hostile shape as %s', (format) => {
    const shapes =
      format === 'text'
        ? HOSTILE_UNITS
        : HOSTILE_UNITS.filter(
            ([shape]) => MARKUP_SHAPES.has(shape) || NAMED_UNITS.some(([named]) => named === shape),
          );
    for (const [shape, unit] of shapes) {
      imported(shape, `Escape (2024)\n\n${fill(unit, 100 * KB)}`, format);
    }
  });

  // Every named shape as plain text; as Markdown and HTML, which add their parsers, those
  // their parsers read differently.
  const PARSED_1MB = new Set(['<', '<a', '★', '🎬', 'lone low surrogate']);
  it.each(FORMATS)('answers 1 MB of the named hostile shapes as %s', (format) => {
    for (const [shape, unit] of NAMED_UNITS)
      // 1 MB of UTF-8, within the 2 MB an article may have.
      if (format === 'text' || PARSED_1MB.has(shape)) imported(shape, fillBytes(unit, MB), format);
  });

  it('keeps NUL out: an article with NUL bytes is binary', () => {
    for (const format of FORMATS) {
      const outcome = imported('NUL', `Escape (2024)\n\nText\u0000more`, format);
      expect(outcome.refusal).toMatch(/binary/);
    }
  });
});

/**
 * Articles whose structure, not their characters, is hostile; about 16 KB each (the scaling
 * tests below check how the time grows with size).
 */
const STRUCTURES: ReadonlyArray<readonly [string, ImportFormat, string]> = [
  ['short title-like lines', 'text', fill('Ab\n', 16 * KB)],
  ['bullets', 'text', fill('- a\n', 16 * KB)],
  ['indented bullets', 'text', fill('- a\n  - b\n      - c\n', 16 * KB)],
  ['numbered items', 'text', fill('1. a\n', 16 * KB)],
  ['rules', 'text', fill('---\n', 16 * KB)],
  ['headings', 'markdown', fill('# a\n', 16 * KB)],
  ['setext headings', 'markdown', fill('a\n=\n', 16 * KB)],
  ['nested quotes', 'markdown', `${'>'.repeat(100 * KB)} a`],
  [
    'nested lists',
    'markdown',
    Array.from({ length: 700 }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n'),
  ],
  ['a table', 'markdown', `|a|b|\n|-|-|\n${fill('|x|y|\n', 16 * KB)}`],
  ['links', 'markdown', fill('[a](https://a.b/) ', 16 * KB)],
  ['h2 headings', 'html', fill('<h2>a</h2>', 16 * KB)],
  ['line breaks', 'html', `<p>${fill('x<br>', 16 * KB)}</p>`],
  ['inline children', 'html', `<p><b>${fill('<i>x</i>', 16 * KB)}</b></p>`],
  ['table rows', 'html', `<table>${fill('<tr><td>a</td><td>b</td></tr>', 16 * KB)}</table>`],
  ['unsafe links', 'html', fill('<a href="javascript:x">y</a>', 16 * KB)],
  ['images', 'html', fill('<img src=x onerror=alert(1)>', 16 * KB)],
  ['attributes', 'html', `<p ${fill('a=b ', 16 * KB)}>x</p>`],
  ['1,000 nested divs', 'html', `${'<div>'.repeat(1000)}deep`],
  ['100,000 nested divs', 'html', `${'<div>'.repeat(100_000)}deep`],
  ['100,000 nested list items', 'html', `${'<ul><li>'.repeat(100_000)}deep`],
  ['100,000 nested quotes', 'html', `${'<blockquote>'.repeat(100_000)}deep`],
  ['100,000 nested bold', 'html', `<p>${'<b>'.repeat(100_000)}deep`],
  ['100,000 nested cells', 'html', `${'<table><tr><td>'.repeat(20_000)}deep`],
  ['a nested staircase', 'html', fill(`${'<div>'.repeat(250)}x${'</div>'.repeat(250)}`, 16 * KB)],
];

describe('importArticle on hostile structure', LONG, () => {
  it.each(STRUCTURES)('answers %s (%s)', (label, format, text) => {
    imported(label, `Escape (2024)\n\n${text}`, format);
  });

  it('keeps the words of HTML nested 100,000 deep', () => {
    const outcome = imported(
      'deep HTML',
      `<h1>Deep (2020)</h1><h2>Plot</h2>${'<ul><li>'.repeat(100_000)}bottom<script>hidden()</script>`,
      'html',
    );
    expect(allText(outcome.result)).toContain('bottom');
    expect(allText(outcome.result)).not.toContain('hidden');
    expect(outcome.result?.warnings.map((w) => w.what)).toContainEqual(
      expect.stringContaining('nested too deeply'),
    );
  });
});

describe('importArticle regressions', LONG, () => {
  it('reads a 72 KB line of ★ in well under a second (it took 14 s)', () => {
    for (const line of [
      '★'.repeat(72 * KB),
      `Plot ${'★'.repeat(72 * KB)}`,
      `x${'★ '.repeat(36 * KB)}x`,
    ]) {
      const outcome = imported('★ line', `Escape (2024)\n\n${line}\n\nMore text.`, 'text', 1);
      expect(outcome.ms).toBeLessThan(1000);
    }
  });

  it('reads <pre> content with long runs of whitespace in linear time', () => {
    const runs = [
      `x${' '.repeat(500 * KB)}x`,
      `x${'\n '.repeat(250 * KB)}x`,
      `x${' \n'.repeat(250 * KB)}x`,
      `x\n${' '.repeat(250 * KB)}x\n${' '.repeat(250 * KB)}`,
      fill(`\n${'\t \r'.repeat(700)}x`, 500 * KB),
    ];
    for (const pre of runs) {
      const outcome = imported(
        '<pre>',
        `<h1>Escape (2024)</h1><h2>Plot</h2><pre>${pre}</pre>`,
        'html',
        1,
      );
      expect(outcome.result?.content.sections[0]?.heading ?? 'refused').toBeDefined();
    }
  });

  it('finds no title in 256 KB of capitalised words before a year in time (780 KB took 84 s)', () => {
    const outcome = imported('title run', `${'A '.repeat(64 * KB)}(2020)`, 'text');
    expect(outcome.result?.content.work.year).toBeNull();
    // Repeated years, each after a run too long to be a title.
    imported('title runs', fill(`${'A '.repeat(200)}(2020) `, 256 * KB), 'text');
    imported('no titles', fill('a (2020) ', 256 * KB), 'text');
    // A title still comes from the words just before the year.
    const titled = imported('title', `Text. ${'Long Title '.repeat(5)}(2020) goes on.`, 'text');
    expect(titled.result?.content.work).toMatchObject({ year: 2020 });
  });

  it('reads Markdown dense with emphasis and autolink characters in time (they took minutes)', () => {
    const dense = [
      '*a'.repeat(64 * KB), // 200 s at 780 KB
      '_a'.repeat(32 * KB), // 7 s at 32 KB
      '**a'.repeat(32 * KB),
      'http'.repeat(16 * KB), // 6 s at 64 KB
      'ahttp'.repeat(16 * KB),
      'a!'.repeat(32 * KB),
      `${'*a '.repeat(20 * KB)}b*`, // 2.4 s at 12 KB
      `${'**a '.repeat(16 * KB)}b**`, // 126 s at 64 KB
      `${'~a '.repeat(20 * KB)}b~`,
    ];
    for (const text of dense) {
      const outcome = imported('dense Markdown', `# Escape (2024)\n\n${text}`, 'markdown');
      expect(allText(outcome.result).length).toBeGreaterThan(0);
    }
    // Ordinary emphasis is still read.
    const plain = imported(
      'emphasis',
      '# Escape (2024)\n\nDek.\n\n## Plot\n\nIt is *very* **good**.',
      'markdown',
    );
    expect(JSON.stringify(plain.result?.content.sections)).toContain('"italic"');
  });

  it('reads Markdown nested too deeply as plain text (it recursed until the stack overflowed)', () => {
    for (const text of [
      `${'>'.repeat(100 * KB)} a`,
      `${'> '.repeat(50 * KB)}a`,
      `${'- '.repeat(50 * KB)}a`,
    ]) {
      const outcome = imported('deep Markdown', `# Escape (2024)\n\n${text}`, 'markdown');
      expect(outcome.result?.warnings.map((w) => w.what)).toContainEqual(
        expect.stringContaining('read as plain text'),
      );
    }
  });

  it('handles 150,000 headings, items and line breaks (a RangeError: call stack exceeded)', () => {
    imported(
      'many line breaks',
      `<h1>T (2020)</h1><p><b>${'x<br>'.repeat(150_000)}</b></p>`,
      'html',
    );
    // A list of 150,000 items (150,000 "- a" lines took the import there): measured, it is over
    // the size a review may have.
    const list: Block = {
      type: 'list',
      ordered: false,
      start: 1,
      items: Array.from({ length: 150_000 }, () => [
        { type: 'paragraph', inlines: [textRun('a')], where: 'line 1' } as Block,
      ]),
      where: 'line 1',
    };
    const bodies = timed(() => sectionBodies([list], 2, { bytes: MAX_CONTENT_BYTES }));
    expect(
      bodies.ok || isAppError(bodies.error, 'invalid'),
      String(!bodies.ok && bodies.error),
    ).toBe(true);
    expect(bodies.ms).toBeLessThan(timeLimit(150_000, SLACK));
    // The section level of 150,000 headings (150,000 Markdown headings took the import there).
    const headings = Array.from({ length: 150_000 }, (_, i) => ({
      type: 'heading' as const,
      level: 2,
      text: 'a',
      strength: 'strong' as const,
      where: `line ${i + 1}`,
    }));
    const article = returnsInTime(
      'structureArticle',
      150_000,
      () => structureArticle(headings, { format: 'markdown' }),
      SLACK,
    );
    expect(article.headingBase).toBe(2);
  });

  it('refuses an article too large for one review with an AppError, not an Error', () => {
    for (const [format, text] of [
      ['text', 'a'.repeat(MB)],
      ['html', `<p>${'a'.repeat(MB)}</p>`],
      ['text', `Escape (2024)\n\n${fill('http://a.b/ ', MB)}`],
    ] as const) {
      const outcome = imported('too large', text, format);
      expect(outcome.refusal).toMatch(/too long for one review/);
    }
  });

  it('splits a paragraph too large for one section body (it threw "a block too large")', () => {
    // 20 KB of links: one paragraph whose stored JSON passes the 256 KB of a section body.
    const outcome = imported(
      'links',
      `Escape (2024)\n\nPlot\n\n${fill('http://a.b/. ', 20 * KB)}`,
      'text',
    );
    expect(outcome.result?.content.sections.length ?? 0).toBeGreaterThan(1);
  });

  it('reads 60,000 short title-like lines in linear time (a lookup per line was quadratic)', () => {
    // 60,000 lines took 3 s; the content is then too large for a review.
    imported('title-like lines', `Escape (2024)\n\n${'Ab\n'.repeat(60_000)}`, 'text');
  });

  it('detects the format of 200 KB of "<p" quickly (counting tags took 17 s)', () => {
    for (const text of [
      '<p'.repeat(100 * KB),
      `${'<p'.repeat(100 * KB)}>`,
      '<a href'.repeat(30 * KB),
    ])
      expect(imported('"<p" pasted', `Escape (2024)\n\n${text}`, 'auto', 1).ms).toBeLessThan(2000);
  });

  it('trims 500,000 ")" after an address in linear time', () => {
    imported('address', `Escape (2024)\n\nhttp://a.b/${')'.repeat(500 * KB)}`, 'text');
  });

  it('repairs 500,000 short lines of non-ASCII text in linear time', () => {
    // 1 MB of them took 3 to 5 s, a dozen pattern scans a line.
    imported('short lines', fill('β x\n', 128 * KB), 'text');
  });

  it('checks a bounded amount of broken text, and says what it left (2 MB of "â" took 16 s)', () => {
    // Weighing every reading of a lost-byte fragment is costly; a hostile article full of them
    // is checked up to the repair budget and the rest left as it is, with a warning.
    for (const article of [fill('â', 1024 * KB), fill(`${'β'.repeat(100)}\n`, 1024 * KB)]) {
      const result = repairText(article);
      expect(result.text.length).toBe(article.length);
      expect(result.warnings.map((w) => w.what)).toContainEqual(
        expect.stringMatching(/not checked for broken characters/),
      );
    }
    const article = returnsInTime('800 KB of lost-byte fragments', 400 * KB, () =>
      importArticle({ text: `Escape (2024)\n\n${fill('â', 400 * KB)}` }, { format: 'text' }),
    );
    expect(article.warnings.map((w) => w.what)).toContainEqual(
      expect.stringMatching(/not checked for broken characters/),
    );
  });
});

/** Median milliseconds of `runs` imports of `text`. */
function medianImport(text: string, format: ImportFormat, runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = timed(() => importArticle({ text }, { format }));
    if (!run.ok && !isAppError(run.error, 'invalid')) throw run.error;
    times.push(run.ms);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

describe('importArticle scales linearly', LONG, () => {
  // At n and 8n characters, the time may grow by at most 20 (8 is linear, 64 quadratic), with
  // 25 ms added to both against timer noise on small inputs.
  const GROWTH: ReadonlyArray<readonly [string, ImportFormat, (n: number) => string]> = [
    ['title-like lines', 'text', (n) => `Escape (2024)\n\n${fill('Ab\n', n)}`],
    ['capitalised words before a year', 'text', (n) => `${fill('A ', n)}(2020)`],
    ['years after long runs', 'text', (n) => fill(`${'A '.repeat(200)}(2020) `, n)],
    ['")" after an address', 'text', (n) => `Escape (2024)\n\nhttp://a.b/${')'.repeat(n)}`],
    ['emphasis', 'markdown', (n) => `# T (2020)\n\n${fill('*a* **b** ', n)}`],
    ['underscores', 'markdown', (n) => `# T (2020)\n\n${fill('a_', n)}`],
    ['nested divs', 'html', (n) => `<h1>T (2020)</h1>${fill('<div>', n)}x`],
    [
      'a staircase of divs',
      'html',
      (n) => fill(`${'<div>'.repeat(250)}x${'</div>'.repeat(250)}`, n),
    ],
    ['<pre> whitespace', 'html', (n) => `<h1>T (2020)</h1><pre>x${fill(' \n', n)}x</pre>`],
  ];
  it.each(GROWTH)('%s', (_label, format, make) => {
    const n = 4 * KB;
    medianImport(make(n), format, 1); // warm up
    const small = medianImport(make(n), format);
    const large = medianImport(make(8 * n), format);
    expect((large + 25) / (small + 25)).toBeLessThan(20);
  });
});
