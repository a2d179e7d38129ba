import { describe, expect, it } from 'vitest';
import { findCredits, personSlug } from '../../lib/import/credits';
import { findGenres } from '../../lib/import/genres';

const prose = (...texts: string[]) => findCredits(texts.map((text) => ({ text, line: false })));
const lines = (...texts: string[]) => findCredits(texts.map((text) => ({ text, line: true })));
const pairs = (credits: ReturnType<typeof findCredits>) =>
  credits.map((credit) => [credit.name, credit.role, credit.character]);

describe('credits from the text', () => {
  it('reads "Actor as Character" lines, also with a title in the character', () => {
    expect(
      pairs(
        lines(
          'Lee Je-hoon as Lim Gyu-nam',
          'Koo Kyo-hwan as Major Ri Hyun-sang',
          'Helena Bonham Carter as the Queen of Hearts: a riot',
        ),
      ),
    ).toEqual([
      ['Lee Je-hoon', 'cast', 'Lim Gyu-nam'],
      ['Koo Kyo-hwan', 'cast', 'Major Ri Hyun-sang'],
      ['Helena Bonham Carter', 'cast', 'the Queen of Hearts'],
    ]);
    expect(pairs(lines('Song Kang-ho as Kim Ki-taek – the father'))).toEqual([
      ['Song Kang-ho', 'cast', 'Kim Ki-taek'],
    ]);
  });

  it('reads "as" only where a line is only that, not in sentences', () => {
    expect(prose('Lee Je-hoon as Lim Gyu-nam is great, as always.')).toEqual([]);
    expect(lines('As the young soldier whose escape sets things off')).toEqual([]);
  });

  it('reads "Character (played by Actor)"', () => {
    expect(
      pairs(prose('Tasked with it is Major Ri Hyun-sang (played by Koo Kyo-hwan), an officer.')),
    ).toEqual([['Koo Kyo-hwan', 'cast', 'Major Ri Hyun-sang']]);
  });

  it('reads directed by, starring, cinematography, score, music and written by', () => {
    expect(
      pairs(
        prose(
          'Escape (2024), directed by Lee Jong-pil, stars Lee Je-hoon and Koo Kyo-hwan.',
          'Starring Song Kang-ho, Lee Sun-kyun, and Cho Yeo-jeong, it was written by Bong Joon-ho and Han Jin-won.',
          'The cinematography by Kim Seung-an and Lee Seung-bin is striking. The haunting score by Dalpalan works.',
          'Music by Jo Yeong-wook. Shot by Chung Chung-hoon.',
        ),
      ),
    ).toEqual([
      ['Lee Jong-pil', 'director', null],
      ['Lee Je-hoon', 'cast', null],
      ['Koo Kyo-hwan', 'cast', null],
      ['Song Kang-ho', 'cast', null],
      ['Lee Sun-kyun', 'cast', null],
      ['Cho Yeo-jeong', 'cast', null],
      ['Bong Joon-ho', 'writer', null],
      ['Han Jin-won', 'writer', null],
      ['Kim Seung-an', 'cinematographer', null],
      ['Lee Seung-bin', 'cinematographer', null],
      ['Chung Chung-hoon', 'cinematographer', null],
      ['Dalpalan', 'composer', null],
      ['Jo Yeong-wook', 'composer', null],
    ]);
  });

  it('lists a person with a role once, with the character from any mention', () => {
    const credits = findCredits([
      { text: 'The film stars Lee Je-hoon and Koo Kyo-hwan.', line: false },
      { text: 'Director Lee Jong-pil, known for dramas.', line: false },
      { text: 'Lee Je-hoon as Lim Gyu-nam', line: true },
      { text: 'Directed by Lee Jong-pil.', line: false },
    ]);
    expect(pairs(credits)).toEqual([
      ['Lee Jong-pil', 'director', null],
      ['Lee Je-hoon', 'cast', 'Lim Gyu-nam'],
      ['Koo Kyo-hwan', 'cast', null],
    ]);
  });

  it('guesses no names where the text gives no role', () => {
    expect(
      prose(
        'Lee Je-hoon and Koo Kyo-hwan are both excellent.',
        'Best Director (Lee Jong-pil) at the Blue Dragon Film Awards.',
        'It recalls The Fugitive or The Lives of Others.',
        'He was shot by a sniper and directed by his own instinct.',
        'The score by itself is worth it.',
      ),
    ).toEqual([]);
  });

  it('gives names without Latin letters a stable slug', () => {
    expect(personSlug('Lee Je-hoon')).toBe('lee-je-hoon');
    expect(personSlug('이제훈')).toMatch(/^person-[0-9a-f]{10}$/);
    expect(personSlug('이제훈')).toBe(personSlug('이제훈'));
    expect(pairs(prose('감독: directed by 이종필.'))).toEqual([['이종필', 'director', null]]);
  });
});

describe('genres from the text', () => {
  const names = (text: string, known?: string[]) => findGenres(text, known).map((g) => g.name);

  it('finds genres, longest first, in order of mention', () => {
    expect(
      names('A tense South Korean thriller that weaves together political drama and more'),
    ).toEqual(['Thriller', 'Political drama']);
    expect(names('a black comedy thriller')).toEqual(['Black comedy', 'Thriller']);
    expect(names('This sci-fi war drama')).toEqual(['Science fiction', 'War drama']);
  });

  it('counts words that are genres only sometimes only as genres', () => {
    expect(names('It combines high-stakes action with depth; a war of nerves')).toEqual([]);
    expect(names('an action thriller about a crime family')).toEqual(['Action', 'Thriller']);
  });

  it('reuses the site’s genres as written', () => {
    expect(findGenres('a neo-noir thriller', ['Neo-Noir', 'Thriller'])).toEqual([
      { name: 'Neo-Noir', slug: 'neo-noir' },
      { name: 'Thriller', slug: 'thriller' },
    ]);
  });
});
