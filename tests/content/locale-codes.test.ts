import { describe, expect, it } from 'vitest';
import { codesOf, countryCode, countryName, languageCode } from '../../lib/content/locale-codes';
import { reviewContentSchema } from '../../lib/content/review-content';
import { newReviewContent } from '../../lib/content/new-review';

// Countries and languages typed as names or codes. A name used to make every save fail with a
// 500 (Intl.DisplayNames throws a RangeError on anything but a well-formed code).

describe('country and language names and codes', () => {
  it.each([
    ['United States', 'US'],
    ['south korea', 'KR'],
    ['  Korea, Republic of  ', null],
    ['kr', 'KR'],
    ['Germany', 'DE'],
    ['DD', 'DD'],
    ['Côte d’Ivoire', 'CI'],
  ])('country %j → %j', (typed, code) => {
    const found = countryCode(typed);
    if (code) expect(found).toEqual({ code });
    else expect(found).toHaveProperty('error');
  });

  it.each([
    ['Korean', 'ko'],
    ['EN', 'en'],
    ['kor', 'kor'],
  ])('language %j → %j', (typed, code) => {
    expect(languageCode(typed)).toEqual({ code });
  });

  it('names the closest matches for what it does not know', () => {
    const korea = countryCode('Korea');
    expect('error' in korea && korea.error).toBe(
      '“Korea” is not a country we know (type a name or code such as South Korea or KR). Did you mean North Korea (KP), South Korea (KR)?',
    );
    expect(languageCode('e')).toMatchObject({
      error: expect.stringContaining('“e” is not a language'),
    });
  });

  it('gives one message naming every bad entry of a list', () => {
    expect(codesOf(['US', 'Frnce', 'Korea'], 'country')).toEqual({
      error:
        '2 entries are not countries we know: “Frnce”; “Korea” (did you mean North Korea (KP), South Korea (KR)?). Type names or codes such as South Korea or KR.',
    });
    expect(codesOf(['United States', 'FR'], 'country')).toEqual({ codes: ['US', 'FR'] });
  });

  it('is used by the content schema: names are stored as codes, bad entries are field errors', () => {
    const base = newReviewContent();
    const named = reviewContentSchema.parse({
      ...base,
      work: { ...base.work, countries: ['United States', 'South Korea'], languages: ['Korean'] },
    });
    expect(named.work).toMatchObject({ countries: ['US', 'KR'], languages: ['ko'] });
    const bad = reviewContentSchema.safeParse({
      ...base,
      work: { ...base.work, countries: ['Narnia'], languages: ['e'] },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'work.countries',
      'work.languages',
    ]);
    expect(countryName('KR')).toBe('South Korea');
  });
});
