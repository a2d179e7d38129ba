import { describe, expect, it } from 'vitest';
import { findCredits, personSlug } from '../../lib/import/credits';
import { findGenres, findGenresIn } from '../../lib/import/genres';

const at = (text: string, line: boolean, i: number) => ({ text, line, where: `line ${i + 1}` });
const prose = (...texts: string[]) => findCredits(texts.map((text, i) => at(text, false, i)));
const lines = (...texts: string[]) => findCredits(texts.map((text, i) => at(text, true, i)));
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
      at('The film stars Lee Je-hoon and Koo Kyo-hwan.', false, 0),
      at('Director Lee Jong-pil, known for dramas.', false, 1),
      at('Lee Je-hoon as Lim Gyu-nam', true, 2),
      at('Directed by Lee Jong-pil.', false, 3),
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

describe('names in prose', () => {
  it('ends a name at the comma before a title: "Directed by X, The Lives of Others is …"', () => {
    const credits = prose(
      'Directed by Florian Henckel von Donnersmarck, The Lives of Others is a quiet thriller.',
      'Directed by Lee Jong-pil, Escape is a tense one.',
    );
    expect(pairs(credits)).toEqual([
      ['Florian Henckel von Donnersmarck', 'director', null],
      ['Lee Jong-pil', 'director', null],
    ]);
    expect(credits.map((credit) => credit.name).join(' ')).not.toMatch(/Lives|Escape/);
  });

  it('reads "starring A as B and C as D" as two cast members with their characters', () => {
    expect(
      pairs(
        prose(
          'The film, starring Ulrich Mühe as Gerd Wiesler and Sebastian Koch as Georg Dreyman, is set in 1984.',
          'It also stars Martina Gedeck as Christa-Maria Sieland, Ulrich Tukur as Anton Grubitz and Thomas Thieme as the Minister of Culture.',
        ),
      ),
    ).toEqual([
      ['Ulrich Mühe', 'cast', 'Gerd Wiesler'],
      ['Sebastian Koch', 'cast', 'Georg Dreyman'],
      ['Martina Gedeck', 'cast', 'Christa-Maria Sieland'],
      ['Ulrich Tukur', 'cast', 'Anton Grubitz'],
      ['Thomas Thieme', 'cast', 'the Minister of Culture'],
    ]);
  });

  it('reads "It stars A, B and C" as three cast members without characters', () => {
    expect(pairs(prose('It stars Ulrich Mühe, Sebastian Koch and Martina Gedeck.'))).toEqual([
      ['Ulrich Mühe', 'cast', null],
      ['Sebastian Koch', 'cast', null],
      ['Martina Gedeck', 'cast', null],
    ]);
  });

  it('keeps particles, hyphens and apostrophes inside a name', () => {
    expect(
      pairs(
        prose(
          'Written by Conan O’Brien and Jean-Luc Godard, with music by Ludwig van Beethoven.',
          "Shot by Gabriel O'Neill. Directed by Guillermo del Toro.",
        ),
      ),
    ).toEqual([
      ['Guillermo del Toro', 'director', null],
      ['Conan O’Brien', 'writer', null],
      ['Jean-Luc Godard', 'writer', null],
      ["Gabriel O'Neill", 'cinematographer', null],
      ['Ludwig van Beethoven', 'composer', null],
    ]);
  });

  it('takes a one-word name only right after a "… by" phrase or when the credits list names it', () => {
    expect(pairs(prose('The haunting score by Dalpalan works. Music by Vangelis.'))).toEqual([
      ['Dalpalan', 'composer', null],
      ['Vangelis', 'composer', null],
    ]);
    // A title, a surname after a job title, a name later in a list: not people by themselves.
    expect(
      prose(
        'It stars Koo and Zendaya.',
        'Director Bong, known for Mother, returns.',
        'Written by Park Chan-wook, Oldboy is a revenge film.',
        'The cinematography by Kim Seung-an and Believer is striking.',
      ).map((credit) => credit.name),
    ).toEqual(['Park Chan-wook', 'Kim Seung-an']);
    // Named in the article's own credits list, a one-word name counts in prose too.
    expect(
      pairs(
        findCredits([
          at('It stars Koo, Lee Je-hoon and Zendaya.', false, 0),
          at('Koo as Ri', true, 1),
        ]),
      ),
    ).toEqual([
      ['Koo', 'cast', 'Ri'],
      ['Lee Je-hoon', 'cast', null],
    ]);
  });

  it('never takes a sentence’s first word or a title starting with “The” as a name', () => {
    expect(
      prose(
        'Directed by The Wailing’s director, it works.',
        'Shot by The Others, a crew.',
        'Lim Gyu-nam (played by The Rock) runs.',
      ),
    ).toEqual([]);
  });
});

describe('credits lists', () => {
  it('reads "Cast:", "Director:" and other labelled lines as the article’s credits list', () => {
    expect(
      pairs(
        lines(
          'Cast: Song Kang-ho as Kim Ki-taek, Lee Sun-kyun and Cho Yeo-jeong',
          'Director: Bong',
          'Music by: Jung Jae-il',
          'Cinematography – Hong Kyung-pyo.',
        ),
      ),
    ).toEqual([
      ['Bong', 'director', null],
      ['Song Kang-ho', 'cast', 'Kim Ki-taek'],
      ['Lee Sun-kyun', 'cast', null],
      ['Cho Yeo-jeong', 'cast', null],
      ['Hong Kyung-pyo', 'cinematographer', null],
      ['Jung Jae-il', 'composer', null],
    ]);
  });

  it('does not read a verdict as a person: "Cinematography: Stunning"', () => {
    expect(lines('Cinematography: Stunning', 'Music: Haunting.', 'Score: 8/10')).toEqual([]);
    // Read as prose, labels are not lists.
    expect(prose('Cast: Song Kang-ho as Kim Ki-taek')).toEqual([]);
  });
});

describe('which credits are guesses', () => {
  it('marks every credit read from prose with its sentence and place, and none from a list', () => {
    const credits = findCredits([
      at(
        'A film of its time. Escape (2024), directed by Lee Jong-pil, stars Lee Je-hoon. It works.',
        false,
        0,
      ),
      at('Lee Je-hoon as Lim Gyu-nam', true, 1),
      at('Cast: Koo Kyo-hwan', true, 2),
    ]);
    expect(credits.map((credit) => [credit.name, credit.guessedFrom])).toEqual([
      [
        'Lee Jong-pil',
        {
          sentence: 'Escape (2024), directed by Lee Jong-pil, stars Lee Je-hoon.',
          where: 'line 1',
        },
      ],
      // Read from the sentence and from the list: the list states it.
      ['Lee Je-hoon', null],
      ['Koo Kyo-hwan', null],
    ]);
  });

  it('quotes at most a bounded part of a long sentence', () => {
    const long = `${'word '.repeat(400)}directed by Lee Jong-pil ${'and more '.repeat(400)}`;
    const [credit] = prose(long);
    expect(credit?.guessedFrom?.sentence).toMatch(/^….*directed by Lee Jong-pil.*…$/);
    expect(credit?.guessedFrom?.sentence.length).toBeLessThan(500);
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

  it('says which text each genre was read from', () => {
    expect(
      findGenresIn([
        { text: 'Escape (2024): a thriller', where: 'the headline' },
        { text: 'A political drama, and a thriller.', where: 'the dek' },
      ]),
    ).toEqual([
      {
        genre: { name: 'Thriller', slug: 'thriller' },
        from: { text: 'Escape (2024): a thriller', where: 'the headline' },
      },
      {
        genre: { name: 'Political drama', slug: 'political-drama' },
        from: { text: 'A political drama, and a thriller.', where: 'the dek' },
      },
    ]);
  });

  it('reuses the site’s genres as written', () => {
    expect(findGenres('a neo-noir thriller', ['Neo-Noir', 'Thriller'])).toEqual([
      { name: 'Neo-Noir', slug: 'neo-noir' },
      { name: 'Thriller', slug: 'thriller' },
    ]);
  });
});
