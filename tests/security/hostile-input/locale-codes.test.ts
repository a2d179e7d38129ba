import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codesOf,
  countryCode,
  countryName,
  languageCode,
  languageName,
  type CodeLookup,
} from '../../../lib/content/locale-codes';
import { anyCodeUnit, fill, HOSTILE_UNITS, hostileString, KB, MB, returnsInTime } from './hostile';

// The country and language resolver (lib/content/locale-codes.ts): names or codes in, a code or
// an error message out. Intl.DisplayNames throws a RangeError on anything but a well-formed
// code; a name ("United States") or a stray letter ("e") once reached it and failed the save.

const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{2,3}$/;

function checkLookup(label: string, kind: 'country' | 'language', input: string): CodeLookup {
  const find = kind === 'country' ? countryCode : languageCode;
  const found = returnsInTime(label, input.length, () => find(input));
  if ('code' in found) {
    expect(found.code).toMatch(kind === 'country' ? COUNTRY : LANGUAGE);
    // A code found is a code: looked up again it is itself.
    expect(find(found.code)).toEqual({ code: found.code });
    const name = (kind === 'country' ? countryName : languageName)(found.code);
    expect(typeof name).toBe('string');
  } else {
    expect(found.error.length).toBeGreaterThan(0);
    expect(found.error.length).toBeLessThan(1000);
    expect(found.hints.length).toBeLessThanOrEqual(3);
  }
  return found;
}

const KINDS = ['country', 'language'] as const;

describe('countryCode and languageCode on hostile input', () => {
  it.each(KINDS)('answer any %s typed', (kind) => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(10, 50),
          fc.string({ unit: anyCodeUnit, maxLength: 8 }),
          fc.string({ unit: 'grapheme', maxLength: 30 }),
          fc.stringMatching(/^[a-zA-Z]{1,4}(?:[-_][a-zA-Z0-9]{1,8}){0,2}$/),
        ),
        (typed) => {
          checkLookup('typed', kind, typed);
        },
      ),
      { numRuns: 400 },
    );
  });

  it.each(KINDS)('answer each hostile shape at 1 KB, 100 KB and 1 MB (%s)', (kind) => {
    for (const [shape, unit] of HOSTILE_UNITS)
      for (const size of [KB, 100 * KB, MB])
        expect(checkLookup(shape, kind, fill(unit, size))).toHaveProperty('error');
  });

  it('reads a country typed as a name as its code (a name used to throw a RangeError)', () => {
    expect(checkLookup('name', 'country', 'United States')).toEqual({ code: 'US' });
    expect(checkLookup('name', 'country', '  united   states ')).toEqual({ code: 'US' });
    expect(checkLookup('code', 'country', 'us')).toEqual({ code: 'US' });
  });

  it('refuses a bad language with a message (it used to throw a RangeError)', () => {
    for (const typed of [
      'e',
      '',
      ' ',
      'en-US',
      'en_US',
      'und',
      'root',
      'i-klingon',
      'x'.repeat(MB),
    ])
      expect(checkLookup(JSON.stringify(typed.slice(0, 10)), 'language', typed)).toHaveProperty(
        'error',
      );
    expect(checkLookup('name', 'language', 'Korean')).toEqual({ code: 'ko' });
  });

  it('answers names with combining marks, surrogates and controls', () => {
    for (const typed of [
      `e${'\u0301'.repeat(10_000)}`,
      'Co\u0302te d’Ivoire',
      'Ko\u0000rea',
      '\ud800KR',
      'KR\udfff',
      '🇰🇷',
      'ＫＲ',
    ]) {
      for (const kind of KINDS) checkLookup(JSON.stringify(typed.slice(0, 12)), kind, typed);
    }
  });
});

describe('countryName, languageName and codesOf on hostile input', () => {
  it('name any code, known or not, without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileString(5, 20), fc.string({ unit: anyCodeUnit, maxLength: 4 })),
        (code) => {
          expect(typeof returnsInTime('countryName', code.length, () => countryName(code))).toBe(
            'string',
          );
          expect(typeof returnsInTime('languageName', code.length, () => languageName(code))).toBe(
            'string',
          );
        },
      ),
      { numRuns: 300 },
    );
    for (const [shape, unit] of HOSTILE_UNITS) {
      returnsInTime(shape, MB, () => countryName(fill(unit, MB)));
      returnsInTime(shape, MB, () => languageName(fill(unit, MB)));
    }
  });

  it('answers a list of 30 hostile entries with one message', () => {
    fc.assert(
      fc.property(
        fc.array(hostileString(5, 100), { maxLength: 30 }),
        fc.constantFrom(...KINDS),
        (list, kind) => {
          const found = returnsInTime('codesOf', list.join('').length, () => codesOf(list, kind));
          if ('codes' in found) expect(found.codes).toHaveLength(list.length);
          else expect(found.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 100 },
    );
    const found = returnsInTime('30 × 1 MB', 30 * MB, () =>
      codesOf(Array(30).fill(fill('<a', MB)), 'country'),
    );
    expect(found).toHaveProperty('error');
  });
});
