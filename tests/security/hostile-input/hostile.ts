import fc from 'fast-check';
import { expect } from 'vitest';

// Shared by the hostile-input suite: the strings and shapes an attacker (or a broken paste)
// sends, fast-check arbitraries built from them, and a clock. Every function under test must
// either return (a result, or its documented error value) or refuse with its documented error,
// and do it in time proportional to the input, on a busy two-core machine.

export const KB = 1024;
export const MB = 1024 * 1024;

/**
 * Milliseconds a call may take for an input of `length` characters: 250 ms up to 100 KB, then
 * 2 s a megabyte (the suite's bound), times `slack` for pipelines that do more work per byte.
 * Generous on purpose: a super-linear call on these sizes takes seconds to minutes.
 */
export function timeLimit(length: number, slack = 1): number {
  return slack * Math.max(250, (2000 * length) / MB);
}

/** Runs `run`, returning what it returned or threw and how long it took. */
export function timed<T>(
  run: () => T,
): { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number } {
  const start = performance.now();
  try {
    const value = run();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** As timed, for a promise. */
export async function timedAsync<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number }> {
  const start = performance.now();
  try {
    const value = await run();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** Asserts that `run` returns (never throws) within the limit for `size`, and returns the value. */
export function returnsInTime<T>(label: string, size: number, run: () => T, slack = 1): T {
  const result = timed(run);
  if (!result.ok)
    throw new Error(`${label} threw: ${String(result.error)}`, { cause: result.error });
  expect(result.ms, `${label} took ${result.ms.toFixed(0)} ms`).toBeLessThan(
    timeLimit(size, slack),
  );
  return result.value;
}

/** A string of about `length` UTF-16 units made of `unit` repeated. */
export const fill = (unit: string, length: number) =>
  unit.repeat(Math.max(1, Math.ceil(length / unit.length)));

/** A string of about `bytes` bytes of UTF-8 made of `unit` repeated (what an upload limit counts). */
export const fillBytes = (unit: string, bytes: number) =>
  unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit))));

/** The shapes of hostile text, each to be made at a given size. */
export const HOSTILE_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['<', '<'],
  ['<a', '<a'],
  ['<a>', '<a>'],
  ['</', '</'],
  ['<!--', '<!--'],
  ['spaces', ' '],
  ['tabs and newlines', '\t\n \r\n'],
  ['★', '★'],
  ['🎬', '🎬'],
  ['ZWJ emoji', '👩‍👩‍👧‍👦'],
  ['combining acute', '\u0301'],
  ['e + 10,000 acute', `e${'\u0301'.repeat(10_000)}`],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', '\udfff'],
  ['reversed surrogates', '\udc00\ud800'],
  ['NUL', '\u0000'],
  ['C0 controls', '\u0001\u0002\u0008\u000b\u000c\u000e\u001f\u007f'],
  ['C1 and separators', '\u0085\u009f\u2028\u2029\u200b\u200e\u202e\ufeff'],
  ['quotes and backslashes', '"\'\\`'],
  ['markdown marks', '*_~`#>-'],
  ['a_', 'a_'],
  ['http', 'http'],
  ['url', 'https://a.b/'],
  ['javascript link', 'javascript:alert(1)'],
  ['entities', '&amp;&#0;&#x110000;&lt;'],
  ['mojibake', 'Ã©â€™ðŸŽ¬'],
  ['greek lost bytes', 'β π '],
  ['korean', '봉준호 '],
  ['cjk run', '中'],
  ['rtl', 'שלום '],
  ['year', 'A (2024) '],
  ['fts operators', 'AND OR NOT NEAR( "x"* ^col: '],
  ['capitals', 'AB '],
  ['periods', '. '],
  ['credits', 'directed by Ab '],
];

/** The shapes every function is fed at 1 MB (all of them are fed at 100 KB). */
export const NAMED_UNITS = HOSTILE_UNITS.filter(([shape]) =>
  [
    '<',
    '<a',
    'spaces',
    '★',
    '🎬',
    'combining acute',
    'lone high surrogate',
    'lone low surrogate',
    'NUL',
    'C0 controls',
  ].includes(shape),
);

/** One of the hostile units, or text an article might hold. */
export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_UNITS.map(([, unit]) => unit)),
  fc.constantFrom(
    'e',
    'Plot',
    'Cast',
    'Escape (2024)',
    'Lee Je-hoon as Lim',
    'played by',
    ' ',
    '\n',
    '\n\n',
  ),
);

/** Any UTF-16 code unit, unpaired surrogates included. */
export const anyCodeUnit: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0xffff })
  .map((code) => String.fromCharCode(code));

/** Strings mixing hostile pieces, runs of them, and arbitrary code units. */
export function hostileString(maxPieces = 40, maxRun = 2000): fc.Arbitrary<string> {
  const run = fc
    .tuple(hostilePiece, fc.integer({ min: 1, max: maxRun }))
    .map(([piece, times]) => piece.repeat(times));
  return fc
    .array(
      fc.oneof(
        hostilePiece,
        run,
        fc.string({ unit: anyCodeUnit, maxLength: 20 }),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(''));
}

/** A value nested `depth` levels deep: arrays, plain objects, or Tiptap-like nodes. */
export function nested(depth: number, shape: 'array' | 'object' | 'node'): unknown {
  let value: unknown = shape === 'node' ? { type: 'text', text: 'deep' } : 'deep';
  for (let i = 0; i < depth; i++) {
    if (shape === 'array') value = [value];
    else if (shape === 'object') value = { a: value };
    else value = { type: 'blockquote', content: [value] };
  }
  return value;
}

export const DEPTHS = [1000, 100_000] as const;
export const SHAPES = ['array', 'object', 'node'] as const;

/** Arbitrary JSON (what a request body can hold), with hostile strings in it. */
export const hostileJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 6 }).chain((json) =>
  fc.oneof(
    fc.constant(json),
    hostileString(10, 200).map((text) => [json, text]),
    fc.dictionary(hostileString(3, 5), fc.constant(json), { maxKeys: 4 }),
  ),
);
