import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSampleArticle } from '../../db/seed/sample-review';
import { repairText } from '../../lib/import/repair';

const repaired = (text: string) => repairText(text).text;

/**
 * Text as it looks after its UTF-8 bytes were read through another code page; bytes the code
 * page leaves undefined come through as C1 control characters, as sloppy decoders pass them.
 */
function misread(text: string, encoding: 'windows-1252' | 'latin1' | 'iso-8859-7'): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = iconv.decode(Buffer.from([byte]), encoding);
      return char === '\uFFFD' ? String.fromCharCode(byte) : char;
    })
    .join('');
}

describe('UTF-8 read as Windows-1252', () => {
  it('repairs punctuation, accented letters and emoji', () => {
    expect(repaired('itâ€™s')).toBe('it’s');
    expect(repaired('a pause â€” then')).toBe('a pause — then');
    expect(repaired('â€œquotedâ€\u009d')).toBe('“quoted”');
    expect(repaired('Ã©tÃ© Ã\u00a0 Paris')).toBe('été à Paris');
    expect(repaired('ðŸŽ¬ Plot')).toBe('🎬 Plot');
  });

  it('repairs whole words of other scripts', () => {
    for (const word of ['привет', '中文', '한국어', 'Ελληνικά', 'naïve café']) {
      expect(repaired(misread(word, 'windows-1252'))).toBe(word);
    }
  });

  it('repairs text that was encoded twice', () => {
    const twice = misread(misread('it’s — “fine”', 'windows-1252'), 'windows-1252');
    expect(twice).toMatch(/^itÃ¢â‚¬â„¢s Ã¢â‚¬â€/);
    expect(repaired(twice)).toBe('it’s — “fine”');
    expect(repairText(twice).warnings[0]!.what).toMatch(/encoded twice/);
  });

  it('reads Latin-1 (C1 control characters kept) the same way', () => {
    expect(repaired(misread('déjà vu — it’s 🎬', 'latin1'))).toBe('déjà vu — it’s 🎬');
  });

  it('restores the byte Windows-1252 loses most often', () => {
    // 0x9D (of ”) is undefined in Windows-1252 and often dropped.
    expect(repaired('a â€œquoteâ€ here')).toBe('a “quote” here');
    // "à" whose no-break space became a space.
    expect(repaired('dÃ©jÃ vu, Ã  la carte')).toBe('déjà vu, à la carte');
    expect(repaired('10Â km')).toBe('10 km');
    // What is left of an emoji whose last byte was lost.
    expect(repaired('ðŸ‘ Great')).toBe('Great');
  });
});

describe('UTF-8 read as Greek ISO-8859-7', () => {
  it('repairs letters and words when every byte survived', () => {
    expect(repaired('CafΓ©')).toBe('Café');
    expect(repaired('Ξ±Ξ»Ξ·ΞΈΞ¬')).toBe('αληθά');
    for (const text of ['Ελληνικά κείμενα', 'naïve café — it’s', '한국어 🎬'])
      expect(repaired(misread(text, 'iso-8859-7'))).toBe(text);
  });

  describe('with the C1 bytes dropped, as in the sample article', () => {
    it('reads a β between Latin letters as an apostrophe', () => {
      expect(repaired('Gyu-namβs friend, whoβs lost')).toBe('Gyu-nam’s friend, who’s lost');
      expect(repaired('donβt')).toBe('don’t');
    });

    it('reads a spaced β as a dash, and one between digits as an en dash', () => {
      expect(repaired('terrain β including the DMZ β the film')).toBe(
        'terrain — including the DMZ — the film',
      );
      expect(repaired('from 1990β2000')).toBe('from 1990–2000');
    });

    it('reads a β opening or closing a word as a double quote', () => {
      expect(repaired('He said βhelloβ. Then βbyeβ')).toBe('He said “hello”. Then “bye”');
    });

    it('reads a β with its last byte kept as that punctuation', () => {
      expect(repaired('Wait β¦ and β’ a bullet, Brandβ’')).toBe('Wait … and • a bullet, Brand™');
    });

    it('drops what is left of an emoji before a heading, and nowhere else', () => {
      expect(repaired('π¬ Plot Summary')).toBe('Plot Summary');
      expect(repaired('π Main Cast')).toBe('Main Cast');
      expect(repaired('π₯ Direction')).toBe('Direction');
      expect(repaired('πΊ Availability')).toBe('Availability');
      expect(repaired('Loved it π¬ truly')).toBe('Loved it truly');
      // A lone π is only an emoji at the start of a line, before a capital.
      expect(repaired('π is irrational')).toBe('π is irrational');
      expect(repaired('the value of π is 3.14')).toBe('the value of π is 3.14');
    });

    it('marks the lines whose decoration was dropped, for heading detection', () => {
      const result = repairText('Intro\nπ¬ Plot Summary\nText about π¬ here');
      expect([...result.decoratedLines]).toEqual([2]);
    });
  });
});

describe('lost-byte apostrophes and quotes', () => {
  // "’" is E2 80 99: with 0x80 and 0x99 lost, ISO-8859-7 leaves "β" and Windows-1252 "â"; with
  // 0x99 alone lost, "â€".
  it('reads a fragment closing a plural as an apostrophe', () => {
    expect(repaired('the artistsβ flat')).toBe('the artists’ flat');
    expect(repaired('the artistsâ flat')).toBe('the artists’ flat');
    expect(repaired('the artistsâ€ flat')).toBe('the artists’ flat');
  });

  it('reads it as a closing double quote where one was opened before it in the line', () => {
    expect(repaired('He said “the artistsβ flat')).toBe('He said “the artists” flat');
    expect(repaired('He said “the artistsâ€ flat')).toBe('He said “the artists” flat');
    expect(repaired('He said βthe artistsβ flat')).toBe('He said “the artists” flat');
    expect(repaired('the artistsâ€ flat and “quotesâ€ here')).toBe(
      'the artists’ flat and “quotes” here',
    );
    // A quote opened in another paragraph does not count; a run of two closes with the last.
    expect(repaired('“Open\nthe artistsβ flat')).toBe('“Open\nthe artists’ flat');
    expect(repaired('said “the artistsββ')).toBe('said “the artists’”');
  });

  it('leaves "â" that is a letter, and says what it read', () => {
    expect(repaired('château, Welsh â word')).toBe('château, Welsh â word');
    expect(repairText('the artistsâ flat').warnings).toEqual([
      {
        what: expect.stringMatching(/^Repaired: “artistsâ flat” → “artists’ flat”/),
        where: 'line 1',
      },
    ]);
  });
});

describe('letters of any script, alone or in words', () => {
  it('repairs Greek and Cyrillic letters read as Windows-1252, alone in English too', () => {
    const text = 'the ж and α, Привет, Ελληνικά';
    expect(repaired(misread(text, 'windows-1252'))).toBe(text);
    expect(repaired(misread(text, 'latin1'))).toBe(text);
  });

  it('repairs Latin letters read as ISO-8859-7 though they read as Greek letters', () => {
    // "ü" is C3 BC: "ΓΌ" in ISO-8859-7.
    expect(repaired('ZΓΌrich')).toBe('Zürich');
    expect(repaired('the letter ΓΌ is')).toBe('the letter ü is');
    for (const text of ['über ü', 'Привет, мир', 'the ж and ü'])
      expect(repaired(misread(text, 'iso-8859-7'))).toBe(text);
  });

  it('shows a letter whose second byte was lost as "�", and says so', () => {
    // "слово" read as ISO-8859-7 with 0x80–0x9F dropped: "с" (D1 81) left only "Ρ".
    const result = repairText('ΡΠ»ΠΎΠ²ΠΎ');
    expect(result.text).toBe('�лово');
    expect(result.warnings.map((w) => w.what)).toContainEqual(
      expect.stringMatching(/lost a byte .* cannot be restored/),
    );
  });
});

describe('clean text', () => {
  const clean = [
    'Η ταινία είναι πολύ καλή — «Ο Δρόμος», ένα βιβλίο, π.χ. ΑΓΆΠΗ και ΚΑΛΗΜΈΡΑ.',
    'β-καροτίνη και π = 3,14· σ’ αγαπώ',
    '한국 영화 《탈주》는 정말 훌륭하다 — “최고”.',
    '这部电影非常好看，导演是李钟弼。「逃亡」',
    '日本語のテキストも、そのまま。',
    'C’est déjà l’été — « très » réussi… il l’a tué…” NOËL” CAFÉ’S PIÙ… Ça va ? Où ? Æsir, Øre, Ålborg.',
    '“Escape” (2024): the film’s score — vast, indifferent; naïve façade, señor, Zürich, Łódź.',
    'Prices: £5, €7, ¥100, 10°C, ±2, ½ cup, © 2024, ® and ™, § 3, ¶ 2, «guillemets», ¿qué? ¡sí!',
    'Привет, мир! Ελληνικά. עברית. العربية.',
  ];

  it.each(clean)('leaves %s unchanged, with no warnings', (text) => {
    const result = repairText(text);
    expect(result.text).toBe(text);
    expect(result.warnings).toEqual([]);
  });

  it('repairs a partly broken text line by line and span by span', () => {
    const mixed = [
      'Clean Greek: Η ταινία είναι καλή.',
      'Broken: itâ€™s Gyu-namβs — and Korean 한국어 stays.',
      'Clean French: déjà vu, l’été.',
      'π¬ Plot Summary',
    ].join('\n');
    expect(repaired(mixed)).toBe(
      [
        'Clean Greek: Η ταινία είναι καλή.',
        'Broken: it’s Gyu-nam’s — and Korean 한국어 stays.',
        'Clean French: déjà vu, l’été.',
        'Plot Summary',
      ].join('\n'),
    );
  });
});

describe('warnings', () => {
  it('name each repair, in context, with its line; the same repair on a line once', () => {
    const result = repairText('First line\nRi, once Gyu-namβs friend, used Gyu-namβs loyalty.');
    expect(result.warnings).toEqual([
      {
        what: expect.stringMatching(/^Repaired: “Gyu-namβs” → “Gyu-nam’s” \(.*2 times\)$/),
        where: 'line 2',
      },
    ]);
  });

  it('report characters that were already lost', () => {
    const result = repairText('ok\nbroken \uFFFD here');
    expect(result.text).toBe('ok\nbroken \uFFFD here');
    expect(result.warnings).toEqual([
      { what: expect.stringMatching(/already lost/), where: 'line 2' },
    ]);
  });
});

describe('the sample article', () => {
  it('comes out with no β or π and reads cleanly', () => {
    const result = repairText(readSampleArticle());
    expect(result.text).not.toMatch(/[βπ]/);
    expect(result.text).toContain('Gyu-nam’s childhood friend');
    expect(result.text).toContain(
      'Nature itself becomes a character — vast, indifferent, and treacherous.',
    );
    expect(result.text).toContain('who’s lost faith');
    // Its curly quotes and apostrophes that survived are left as they were.
    expect(result.text).toContain('“Escape” (2024)');
    expect(result.text).toContain('the film’s emotional gravity');
    // Eight emoji markers dropped, every β repaired: all of them listed.
    expect(result.warnings.filter((w) => w.what.startsWith('Dropped'))).toHaveLength(8);
    expect(result.warnings.every((w) => /^line \d+$/.test(w.where))).toBe(true);
  });
});
