import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_TERM_LENGTH,
  MAX_TERMS,
  toFtsQuery,
  type FtsQuery,
} from '../../../lib/search/fts-query';
import {
  DEPTHS,
  fill,
  HOSTILE_UNITS,
  hostileJson,
  hostileString,
  KB,
  MB,
  nested,
  returnsInTime,
  SHAPES,
} from './hostile';

// The search-query builder (lib/search/fts-query.ts) turns whatever is in ?q= into an FTS5
// MATCH expression. Hostile input must give null or a query of quoted words that FTS5 accepts
// (checked against a real FTS5 table), never an exception, in time.

const db = new Database(':memory:');
db.exec(
  "CREATE VIRTUAL TABLE docs USING fts5(headline, body, tokenize = 'unicode61 remove_diacritics 2')",
);
const insert = db.prepare('INSERT INTO docs (headline, body) VALUES (?, ?)');
for (const [headline, body] of [
  ['Escape', 'A soldier runs for the border near the DMZ.'],
  ['탈주', '봉준호 and 송강호; crème brûlée; Ελληνικά; 東京'],
  ['AND OR NOT', 'near NEAR column: headline "quoted" * ^'],
])
  insert.run(headline, body);
const search = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ?');
afterAll(() => db.close());

/** The query is null, or quoted words FTS5 runs without a syntax error. */
function checkQuery(label: string, input: unknown, size: number): FtsQuery | null {
  const query = returnsInTime(label, size, () => toFtsQuery(input));
  if (query === null) return null;
  expect(query.terms.length).toBeGreaterThan(0);
  expect(query.terms.length).toBeLessThanOrEqual(MAX_TERMS);
  for (const term of query.terms) {
    expect(Array.from(term).length).toBeLessThanOrEqual(MAX_TERM_LENGTH);
    expect(term).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
    expect(term).toMatch(/[\p{L}\p{N}]/u);
  }
  expect(query.match).toMatch(/^"[^"]+"\*?(?: "[^"]+"\*?)*$/);
  expect(() => search.all(query.match)).not.toThrow();
  return query;
}

describe('toFtsQuery on hostile input', () => {
  it('answers any value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), hostileJson), (value) => {
        const query = checkQuery('any value', value, 0);
        if (typeof value !== 'string') expect(query).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('answers any hostile text with quoted words FTS5 accepts', () => {
    fc.assert(
      fc.property(hostileString(), (text) => {
        checkQuery('hostile text', text, text.length);
      }),
      { numRuns: 500 },
    );
  });

  it.each([100 * KB, MB])('answers %d characters of each hostile shape', (size) => {
    for (const [shape, unit] of HOSTILE_UNITS) checkQuery(shape, fill(unit, size), size);
  });

  it('reads only the first 1,000 characters of 1 MB', () => {
    const query = checkQuery('1 MB of words', fill('word ', MB), MB);
    expect(query?.terms).toEqual(['word']);
  });

  it.each(DEPTHS)('answers values nested %d deep with null', (depth) => {
    for (const shape of SHAPES) expect(checkQuery(shape, nested(depth, shape), depth)).toBeNull();
  });

  it('searches FTS5 operators as words, never obeys them', () => {
    const query = checkQuery('operators', 'AND OR NOT NEAR(a b) body: ^head "x" *', 40);
    expect(query?.terms).toEqual(['and', 'or', 'not', 'near', 'a', 'b', 'body', 'head', 'x']);
    expect(search.all(query!.match)).toEqual([]);
  });

  it('keeps combining marks with their letter and drops marks alone', () => {
    expect(checkQuery('e + 10,000 acute', `e${'\u0301'.repeat(10_000)}`, 10_001)?.terms).toEqual([
      `é${'\u0301'.repeat(MAX_TERM_LENGTH - 1)}`,
    ]);
    expect(checkQuery('marks alone', '\u0301'.repeat(10_000), 10_000)).toBeNull();
  });

  it('makes no term of marks alone from marks before a letter (64 of them made one)', () => {
    expect(checkQuery('marks then a letter', `${'\u0301'.repeat(100)}x`, 101)?.terms).toEqual([
      'x',
    ]);
    expect(checkQuery('marks between words', `ab ${'\u0301'.repeat(70)}cd`, 75)?.terms).toEqual([
      'ab',
      'cd',
    ]);
  });

  it('drops unpaired surrogates, NUL and controls', () => {
    expect(checkQuery('controls', '\ud800a\u0000b\udfff\u001fc\u007f', 8)?.terms).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
