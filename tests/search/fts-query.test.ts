import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_TERMS, MAX_TERM_LENGTH, toFtsQuery } from '../../lib/search/fts-query';

describe('toFtsQuery', () => {
  it('quotes each word and matches the last one as a prefix', () => {
    expect(toFtsQuery('Escape Gyu-nam')).toEqual({
      match: '"escape" "gyu" "nam"*',
      terms: ['escape', 'gyu', 'nam'],
    });
    expect(toFtsQuery('  lee   JONG-pil ')?.match).toBe('"lee" "jong" "pil"*');
  });

  it('returns null for empty input, blanks, punctuation, emoji and non-strings', () => {
    for (const input of [
      '',
      '   ',
      '"',
      '*',
      '""',
      '^',
      ':',
      '()',
      '- + / \\',
      '😀',
      '🎬🌟🎥📺',
      '\u0301',
    ])
      expect(toFtsQuery(input), JSON.stringify(input)).toBeNull();
    expect(toFtsQuery(undefined)).toBeNull();
    expect(toFtsQuery(['a'])).toBeNull();
    expect(toFtsQuery(42)).toBeNull();
  });

  it('drops quotes and stars instead of passing FTS5 syntax through', () => {
    expect(toFtsQuery('"escape')?.match).toBe('"escape"*');
    expect(toFtsQuery('esc*')?.match).toBe('"esc"*');
    expect(toFtsQuery('"free dom" OR "escape"*')?.match).toBe('"free" "dom" "or" "escape"*');
    expect(toFtsQuery('^start')?.match).toBe('"start"*');
  });

  it('treats AND, OR, NOT and NEAR as plain words, never as operators', () => {
    expect(toFtsQuery('AND')?.match).toBe('"and"*');
    expect(toFtsQuery('freedom AND survival')?.match).toBe('"freedom" "and" "survival"*');
    expect(toFtsQuery('NOT escape')?.match).toBe('"not" "escape"*');
    expect(toFtsQuery('NEAR(')?.match).toBe('"near"*');
    expect(toFtsQuery('NEAR(escape freedom, 2)')?.match).toBe('"near" "escape" "freedom" "2"*');
  });

  it('does not let a column filter through', () => {
    expect(toFtsQuery('col:term')?.match).toBe('"col" "term"*');
    expect(toFtsQuery('headline:escape')?.match).toBe('"headline" "escape"*');
    expect(toFtsQuery('{headline body}: escape')?.match).toBe('"headline" "body" "escape"*');
  });

  it('keeps Korean, Greek and accented words whole', () => {
    expect(toFtsQuery('탈주 이제훈')?.terms).toEqual(['탈주', '이제훈']);
    expect(toFtsQuery('Ελευθερία και επιβίωση')?.terms).toEqual(['ελευθερία', 'και', 'επιβίωση']);
    expect(toFtsQuery('Crème brûlée, façade; naïveté!')?.terms).toEqual([
      'crème',
      'brûlée',
      'façade',
      'naïveté',
    ]);
    // A decomposed é (e + combining accent) is composed, so it is the same word.
    expect(toFtsQuery('cafe\u0301')?.terms).toEqual(['café']);
  });

  it('caps the number of words and their length', () => {
    const many = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const query = toFtsQuery(many)!;
    expect(query.terms).toHaveLength(MAX_TERMS);
    expect(query.terms.at(-1)).toBe(`word${MAX_TERMS - 1}`);

    const long = toFtsQuery('a'.repeat(1000))!;
    expect(long.terms).toEqual(['a'.repeat(MAX_TERM_LENGTH)]);
    expect(long.match).toBe(`"${'a'.repeat(MAX_TERM_LENGTH)}"*`);
  });

  it('reads 1,000 characters of anything in bounded time and output', () => {
    const input = 'x"y*(z) NEAR( '.repeat(200);
    const query = toFtsQuery(input)!;
    expect(query.terms).toEqual(['x', 'y', 'z', 'near']);
    expect(query.match.length).toBeLessThan(MAX_TERMS * (MAX_TERM_LENGTH + 4));
  });

  it('lists each word once', () => {
    expect(toFtsQuery('escape Escape ESCAPE freedom')?.terms).toEqual(['escape', 'freedom']);
  });
});

// Every expression toFtsQuery can produce must be accepted by FTS5: run a long list of nasty
// inputs and random strings against a real FTS5 table with the index's tokenizer.
describe('every query it makes runs against a real FTS5 table', () => {
  const sqlite = new Database(':memory:');
  afterAll(() => sqlite.close());
  sqlite.exec(`create virtual table t using fts5(headline, work_title, dek, people, body,
    tokenize = 'unicode61 remove_diacritics 2')`);
  sqlite
    .prepare(
      'insert into t (rowid, headline, work_title, dek, people, body) values (?, ?, ?, ?, ?, ?)',
    )
    .run(
      1,
      'Escape (2024): A Gripping Tale of Freedom',
      'Escape / 탈주',
      'A soldier runs for the border.',
      'Lee Jong-pil, Lee Je-hoon (Lim Gyu-nam)',
      'Crème brûlée and NEAR misses: Ελευθερία, AND OR NOT.',
    );
  const search = sqlite.prepare(
    "select rowid, snippet(t, -1, char(2), char(3), '…', 24) as s, bm25(t, 10, 8, 2, 4, 1) as r from t where t match ? order by r",
  );

  const nasty = [
    '"',
    '""',
    '"""',
    '*',
    '**',
    '"*',
    '*"',
    '^',
    '^escape',
    ':',
    'col:term',
    'headline:escape',
    '{headline}:escape',
    '-escape',
    '+escape',
    'AND',
    'OR',
    'NOT',
    'NEAR',
    'NEAR(',
    'NEAR(escape',
    'NEAR(escape freedom, 2)',
    'escape AND',
    'AND escape',
    'escape OR OR',
    '(',
    ')',
    '()',
    '(escape',
    'escape)',
    "'",
    "';--",
    "escape'); drop table t; --",
    '\\',
    '\u0000',
    '\u0000escape\u0000',
    '\u0002escape\u0003',
    '😀',
    'escape 😀',
    '😀escape😀',
    '🎬 🌟 🎥 📺',
    '👨‍👩‍👧‍👦',
    '\uD800',
    'a\uDC00b',
    '\u0301',
    'e\u0301\u0301\u0301',
    'cafe\u0301',
    '탈주',
    'Ελευθερία',
    'Crème brûlée',
    'ﬁ ligature',
    'ｅｓｃａｐｅ',
    '١٢٣',
    '𝔢𝔰𝔠𝔞𝔭𝔢',
    'x'.repeat(1000),
    '"'.repeat(1000),
    '*'.repeat(1000),
    'NEAR('.repeat(200),
    'a '.repeat(500),
    'é'.repeat(1000),
    '탈'.repeat(1000),
  ];

  function randomString(random: () => number): string {
    const alphabet = [
      ...'abcXYZ019 "*^:()-+,.\'\\{}[]~&|!?<>=@#$%\t\n',
      'AND',
      'OR',
      'NOT',
      'NEAR',
      'NEAR(',
      'é',
      'e\u0301',
      '탈',
      'Ω',
      '😀',
      '\u0000',
      '\u0002',
      '\uD800',
      'ß',
      'İ',
    ];
    const length = Math.floor(random() * 40);
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    return text;
  }

  // A small seeded generator, so a failure can be reproduced.
  function mulberry32(seed: number) {
    return () => {
      seed |= 0;
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('for a list of nasty inputs', () => {
    for (const input of nasty) {
      const query = toFtsQuery(input);
      if (query === null) continue;
      expect(() => search.all(query.match), JSON.stringify(input)).not.toThrow();
    }
  });

  it('for 3,000 random strings', () => {
    const random = mulberry32(20240101);
    for (let i = 0; i < 3000; i++) {
      const input = randomString(random);
      const query = toFtsQuery(input);
      if (query === null) continue;
      expect(() => search.all(query.match), JSON.stringify(input)).not.toThrow();
    }
  });

  it('and the quoted words still find what they should', () => {
    const rows = (input: string) =>
      search.all(toFtsQuery(input)!.match) as Array<{ rowid: number; s: string }>;
    expect(rows('escape')).toHaveLength(1);
    expect(rows('gyu-nam')).toHaveLength(1);
    expect(rows('Lee Jong')).toHaveLength(1);
    expect(rows('탈주')).toHaveLength(1);
    expect(rows('ελευθερία')).toHaveLength(1);
    expect(rows('creme brulee')).toHaveLength(1);
    expect(rows('NEAR(')).toHaveLength(1);
    expect(rows('esc')).toHaveLength(1);
    expect(rows('headline:nowhere')).toHaveLength(0);
  });
});
