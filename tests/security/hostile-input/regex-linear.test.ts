import { describe, expect, it } from 'vitest';
import { stripDecoration } from '../../../lib/import/blocks';
import { findCredits } from '../../../lib/import/credits';
import { detectFormat } from '../../../lib/import/detect-format';
import { findGenres } from '../../../lib/import/genres';
import { linkify, readHeading } from '../../../lib/import/parse-text';
import { repairText } from '../../../lib/import/repair';
import { toFtsQuery } from '../../../lib/search/fts-query';
import { containsMarkup, stripMarkup } from '../../../lib/text/markup';
import { slugify } from '../../../lib/text/slug';
import {
  charIn,
  trimChars,
  trimEndChars,
  trimEndWhere,
  trimStartWhere,
} from '../../../lib/text/trim';

// Linear time, measured: each function that runs patterns over text is timed on its worst
// known input at n and at 8n characters. Linear work grows 8 times, quadratic 64; the test
// allows 20, so a busy machine does not fail it and a quadratic pattern cannot pass. Each time
// is the median of five, each sample repeating the call until it lasts a few milliseconds.
// ESLint (eslint-plugin-regexp) checks the literal patterns; this also covers the ones built
// at run time (the credit finder's) and the loops around them.

const N = 4096;
const MAX_GROWTH = 20;
const SAMPLES = 5;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Median milliseconds of one call, over `repeat` calls a sample. */
function timeOf(run: () => unknown, repeat: number): number {
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const start = performance.now();
    for (let i = 0; i < repeat; i++) run();
    samples.push((performance.now() - start) / repeat);
  }
  return median(samples);
}

/** How many calls at size n make a sample of about 3 ms (at most 2,000). */
function repetitions(run: () => unknown): number {
  let repeat = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < repeat; i++) run();
    const ms = performance.now() - start;
    if (ms >= 3 || repeat >= 2000) return repeat;
    repeat *= 2;
  }
}

type Case = readonly [label: string, run: (input: string) => unknown, make: (n: number) => string];

function expectLinear([label, run, make]: Case) {
  const small = make(N);
  const large = make(8 * N);
  run(small); // warm up: compile the patterns, let the JIT settle
  run(large);
  const repeat = repetitions(() => run(small));
  const smallMs = timeOf(() => run(small), repeat);
  const largeMs = timeOf(() => run(large), Math.max(1, Math.floor(repeat / 8)));
  const growth = largeMs / Math.max(smallMs, 1e-3);
  expect(
    growth,
    `${label}: ${smallMs.toFixed(3)} ms at n, ${largeMs.toFixed(3)} ms at 8n`,
  ).toBeLessThan(MAX_GROWTH);
}

const repeat = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length));

const MARKUP: Case[] = [
  ['containsMarkup, "<a" repeated (took 9 s at 80 KB)', containsMarkup, repeat('<a')],
  ['containsMarkup, "<" repeated', containsMarkup, repeat('<')],
  ['containsMarkup, "< /" repeated', containsMarkup, repeat('< /')],
  ['containsMarkup, "<!" repeated', containsMarkup, repeat('<!')],
  ['containsMarkup, "<a" then text', containsMarkup, (n) => `<a${'x'.repeat(n)}`],
  ['stripMarkup, "<a" repeated', stripMarkup, repeat('<a')],
  ['stripMarkup, "<a>" repeated', stripMarkup, repeat('<a>')],
  ['stripMarkup, "<a" repeated then ">"', stripMarkup, (n) => `${repeat('<a')(n)}>`],
  ['stripMarkup, "<b>x</b" repeated', stripMarkup, repeat('<b>x</b')],
];

const decoration = charIn(/^[★🎬#*\s]$/u);
const TRIM: Case[] = [
  [
    'trimEndWhere, a run of ★ (/x+$/ took 14 s at 72 KB)',
    (t) => trimEndWhere(t, decoration),
    (n) => `x${'★'.repeat(n)}`,
  ],
  [
    'trimEndWhere, ★ before the end',
    (t) => trimEndWhere(t, decoration),
    (n) => `${'★'.repeat(n)}x`,
  ],
  [
    'trimEndWhere, a run of 🎬',
    (t) => trimEndWhere(t, decoration),
    (n) => `x${'🎬'.repeat(n / 2)}`,
  ],
  ['trimStartWhere, a run of ★', (t) => trimStartWhere(t, decoration), (n) => `${'★'.repeat(n)}x`],
  [
    'trimStartWhere, lone surrogates',
    (t) => trimStartWhere(t, charIn(/^[^\p{L}]$/u)),
    repeat('\ud800'),
  ],
  [
    'trimChars, hyphens at both ends',
    (t) => trimChars(t, '-'),
    (n) => `${'-'.repeat(n / 2)}a${'-'.repeat(n / 2)}`,
  ],
  ['trimEndChars, spaces', (t) => trimEndChars(t, ' '), (n) => `x${' '.repeat(n)}`],
  ['trimEndChars, spaces then a letter', (t) => trimEndChars(t, ' '), (n) => `${' '.repeat(n)}x`],
  ['slugify, hyphens and marks', slugify, repeat('-é\u0301-')],
];

const DECORATION: Case[] = [
  ['stripDecoration, a line of ★', stripDecoration, repeat('★')],
  [
    'stripDecoration, ★ and spaces before a word',
    stripDecoration,
    (n) => `${'★ '.repeat(n / 2)}Plot`,
  ],
  ['stripDecoration, a word before ★', stripDecoration, (n) => `Plot${'★'.repeat(n)}`],
  [
    'stripDecoration, a word between runs of ★',
    stripDecoration,
    (n) => `${'★'.repeat(n / 2)}x${'★'.repeat(n / 2)}`,
  ],
  ['stripDecoration, emoji with joiners', stripDecoration, repeat('🎬\u200d\ufe0f')],
  ['stripDecoration, hashes', stripDecoration, (n) => `${'#'.repeat(n)}a`],
  ['stripDecoration, spaces inside', stripDecoration, (n) => `a${' '.repeat(n)}b`],
  ['stripDecoration, "<" and dashes', stripDecoration, (n) => `a${'<-–—'.repeat(n / 4)}`],
];

const credits = (text: string) =>
  findCredits([
    { text, line: true },
    { text, line: false },
  ]);
const CREDITS: Case[] = [
  ['findCredits, a long capitalised word', credits, (n) => `directed by ${'A'.repeat(n)}`],
  ['findCredits, a long list of names', credits, (n) => `directed by ${repeat('Ab, ')(n)}`],
  ['findCredits, names without commas', credits, (n) => `starring ${repeat('Ab ')(n)}`],
  ['findCredits, "and" between names', credits, (n) => `starring ${repeat('Ab and ')(n)}`],
  ['findCredits, a keyword repeated', credits, repeat('directed by Ab ')],
  ['findCredits, CJK after "played by"', credits, (n) => `played by ${'中'.repeat(n)}`],
  ['findCredits, CJK before "(played by"', credits, (n) => `${'中'.repeat(n)} (played by 송강호)`],
  ['findCredits, "(played by" repeated', credits, repeat('(played by ')],
  ['findCredits, capitals before "("', credits, (n) => `played ${repeat('Ab (')(n)}`],
  ['findCredits, hyphenated', credits, (n) => `starring ${repeat('A-')(n)}`],
  ['findCredits, apostrophes', credits, (n) => `stars ${repeat("A'")(n)}`],
  ['findCredits, combining marks', credits, (n) => `directed by A${'\u0301'.repeat(n)}`],
  ['findCredits, "as" lines', credits, repeat('Lee Je-hoon as Lim ')],
  ['findCredits, role words', credits, repeat('Director Composer Cinematographer ')],
];

const OTHERS: Case[] = [
  ['readHeading, a line of ★', (t) => readHeading(t), repeat('★')],
  ['readHeading, capitals', (t) => readHeading(t), repeat('AB ')],
  ['linkify, ")" after an address', linkify, (n) => `http://a.b/${')'.repeat(n)}`],
  ['linkify, addresses', linkify, repeat('http://a.b/. ')],
  ['repairText, short non-ASCII lines', repairText, repeat('β x\n')],
  ['repairText, mojibake', repairText, repeat('Ã©â€™ ')],
  ['detectFormat, "*" runs', (t) => detectFormat(t), repeat('*a')],
  ['detectFormat, brackets', (t) => detectFormat(t), repeat('[a](')],
  ['detectFormat, tags', (t) => detectFormat(t), repeat('<p')],
  ['findGenres, words', (t) => findGenres(t), repeat('political drama war ')],
  ['toFtsQuery, marks', toFtsQuery, (n) => `e${'\u0301'.repeat(n)}`],
];

describe('patterns run in linear time', { timeout: 60_000 }, () => {
  it.each(MARKUP)('%s', (...test) => expectLinear(test));
  it.each(TRIM)('%s', (...test) => expectLinear(test));
  it.each(DECORATION)('%s', (...test) => expectLinear(test));
  it.each(CREDITS)('%s', (...test) => expectLinear(test));
  it.each(OTHERS)('%s', (...test) => expectLinear(test));
});
