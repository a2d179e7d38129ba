import { describe, expect, it } from 'vitest';
import { findCredits } from '../../lib/import/credits';

// The credit finder's new shapes in linear time, measured as tests/security/hostile-input/
// regex-linear.test.ts measures the others: at n and 8n characters the time may grow by at most
// 20 (linear is 8, quadratic 64). Its patterns are built at run time, so ESLint cannot check
// them: these inputs are the worst cases of the credits list, cast with characters, lists cut
// at a comma and the sentence quoted for each guess.

const N = 4096;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Median milliseconds of `run`, each of five samples repeating it for a few milliseconds. */
function timeOf(run: () => unknown): number {
  let repeat = 1;
  for (let start = performance.now(); performance.now() - start < 3 && repeat < 2000;) {
    run();
    repeat++;
  }
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const start = performance.now();
    for (let i = 0; i < repeat; i++) run();
    samples.push((performance.now() - start) / repeat);
  }
  return median(samples);
}

const repeat = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length));
const both = (text: string) =>
  findCredits([
    { text, line: true, where: 'line 1' },
    { text, line: false, where: 'line 2' },
  ]);

const CASES: ReadonlyArray<readonly [string, (n: number) => string]> = [
  ['a long "Cast:" line', (n) => `Cast: ${repeat('Ab Cd, ')(n)}`],
  ['a "Cast:" line that fails at its end', (n) => `Cast: ${repeat('Ab Cd; ')(n)}x`],
  ['a "Cast:" line of trailing marks', (n) => `Cast: Ab Cd${repeat(' ;.')(n)}x`],
  ['a label line of characters', (n) => `Cast: ${repeat('Ab as Cd Ef, ')(n)}`],
  ['cast with characters', (n) => `starring ${repeat('Ab as Cd, ')(n)}`],
  ['a list cut at a comma, with the keyword in it', repeat('Stars Ab, ')],
  ['a list with no closing "and"', (n) => `directed by ${repeat('Ab Cd, ')(n)}`],
  ['one guess a sentence', repeat('Directed by Ab Cd. ')],
  ['guesses in one endless sentence', repeat('directed by Ab Cd and ')],
  ['one-word names after "by"', repeat('score by Ab, ')],
];

describe('the credit finder runs in linear time', { timeout: 60_000 }, () => {
  it.each(CASES)('%s', (_label, make) => {
    const small = make(N);
    const large = make(8 * N);
    timeOf(() => both(small)); // warm up
    const growth = (timeOf(() => both(large)) + 0.05) / (timeOf(() => both(small)) + 0.05);
    expect(growth).toBeLessThan(20);
  });
});
