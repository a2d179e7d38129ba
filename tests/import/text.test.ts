import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { importArticle, sectionText } from '../../lib/import';
import { readHeading } from '../../lib/import/parse-text';
import { headingMarksSpoilers, sectionKindOf } from '../../lib/import/section-kinds';

const importText = (text: string) => importArticle({ text }, { format: 'text' });
const headings = (text: string) => importText(text).content.sections.map((s) => s.heading);

describe('section kinds from headings', () => {
  it.each([
    ['Plot Summary', 'plot'],
    ['The Story', 'plot'],
    ['Synopsis', 'plot'],
    ['Main Cast and Performances', 'cast'],
    ['Cast & Performances', 'cast'],
    ['Performances', 'cast'],
    ['Direction and Cinematic Style', 'direction'],
    ['Cinematography', 'direction'],
    ['Style', 'direction'],
    ['Themes and Symbolism', 'themes'],
    ['Symbolism', 'themes'],
    ['Critical Reception and Awards', 'reception'],
    ['Awards', 'reception'],
    ['Reception', 'reception'],
    ['Cultural and Global Relevance', 'relevance'],
    ['Global Relevance', 'relevance'],
    ['Availability and Distribution', 'availability'],
    ['Where to Watch', 'availability'],
    ['Release', 'availability'],
    ['Distribution', 'availability'],
    ['Final Thoughts', 'verdict'],
    ['Verdict', 'verdict'],
    ['Conclusion', 'verdict'],
    ['Behind the Scenes', 'custom'],
    ['A Word on the Soundtrack', 'custom'],
    ['History of the Production', 'custom'],
  ])('%s → %s', (heading, kind) => {
    expect(sectionKindOf(heading)).toBe(kind);
  });

  it('takes the phrase that comes first', () => {
    expect(sectionKindOf('Release and Reception')).toBe('availability');
    expect(sectionKindOf('Reception and Release')).toBe('reception');
  });

  it('marks sections that say they hold spoilers', () => {
    expect(headingMarksSpoilers('Ending Explained (Spoilers)')).toBe(true);
    expect(headingMarksSpoilers('Spoiler warning: the twist')).toBe(true);
    expect(headingMarksSpoilers('A spoiler-free verdict')).toBe(false);
    expect(headingMarksSpoilers('Verdict')).toBe(false);
  });

  it('keeps custom headings as written, with kind custom', () => {
    const { content } = importText('Title\n\n🎞️ Behind the Scenes\nThe shoot took a year.\n');
    expect(content.sections).toMatchObject([{ heading: 'Behind the Scenes', kind: 'custom' }]);
  });
});

describe('plain-text headings', () => {
  it('reads decorated, known and title-like lines as headings, without their decoration', () => {
    expect(readHeading('🎬 Plot Summary')).toEqual({ text: 'Plot Summary', strength: 'strong' });
    expect(readHeading('★ A Few Words ★')).toEqual({ text: 'A Few Words', strength: 'strong' });
    expect(readHeading('Final Thoughts')).toEqual({ text: 'Final Thoughts', strength: 'strong' });
    expect(readHeading('Verdict:')).toEqual({ text: 'Verdict', strength: 'strong' });
    expect(readHeading('Behind the Scenes')).toEqual({
      text: 'Behind the Scenes',
      strength: 'weak',
    });
    expect(readHeading('WHAT WORKS')).toEqual({ text: 'WHAT WORKS', strength: 'weak' });
  });

  it('does not read sentences, long lines or lowercase phrases as headings', () => {
    expect(readHeading('The film is a triumph.')).toBeNull();
    expect(readHeading('The plot, in short, is simple')).toBeNull();
    expect(readHeading('the plot thickens and then some')).toBeNull();
    expect(readHeading('Plot. It Works. Mostly')).toBeNull();
    expect(readHeading(`A ${'Very '.repeat(20)}Long Line`)).toBeNull();
  });

  it('reads a list of titles as text, not as headings', () => {
    const { content } = importText(
      [
        'My Favourites',
        '',
        'Intro paragraph that is a sentence.',
        '',
        '🎬 Recommendations',
        'The Wailing (2016)',
        'Burning (2018)',
        'Mother (2009)',
        'All three are worth it.',
      ].join('\n'),
    );
    expect(content.sections.map((s) => s.heading)).toEqual(['Recommendations']);
    expect(sectionText(content.sections[0]!.body)).toBe(
      'The Wailing (2016)\n\nBurning (2018)\n\nMother (2009)\n\nAll three are worth it.',
    );
  });

  it('finds headings with and without blank lines around them', () => {
    expect(
      headings(
        'Title Line\nIntro sentence here.\nPlot Summary\nText.\n\nMain Cast\nText.\nFinal Thoughts\nText.',
      ),
    ).toEqual(['Plot Summary', 'Main Cast', 'Final Thoughts']);
  });

  it('reads "1. Plot" as a numbered heading, not a list', () => {
    expect(headings('Title Line\nIntro.\n1. Plot\nText.\n2. Verdict\nText.')).toEqual([
      'Plot',
      'Verdict',
    ]);
  });
});

describe('the headline, the dek and the opening', () => {
  it('takes the first line as the headline and the paragraph before the sections as the dek', () => {
    const { content, warnings } = importText(
      'Parasite (2019): A Satire\nA short standfirst about it.\n\nPlot\nText.',
    );
    expect(content.headline).toBe('Parasite (2019): A Satire');
    expect(content.dek).toBe('A short standfirst about it.');
    expect(content.work).toMatchObject({ title: 'Parasite', year: 2019, kind: 'film' });
    expect(content.sections.map((s) => s.heading)).toEqual(['Plot']);
    // Nothing was repaired; the genre is read from the headline, so it is a guess to check.
    expect(warnings).toEqual([
      {
        what: 'Guessed from the text: the genre Satire, from “Parasite (2019): A Satire” — check it.',
        where: 'the headline',
      },
    ]);
  });

  it('reads a line in capitals above the headline as a label and says so', () => {
    const { content, warnings } = importText(
      'FILM REVIEW\nMother (2009): Love Without Limits\nThe dek.\n\nPlot\nText.',
    );
    expect(content.headline).toBe('Mother (2009): Love Without Limits');
    expect(warnings).toContainEqual({
      what: expect.stringContaining('“FILM REVIEW” as a label above the headline'),
      where: 'line 1',
    });
  });

  it('reads a title-like line under the headline as its subtitle', () => {
    const { content } = importText(
      'Burning (2018)\nA Slow-Burn Mystery\n\nFirst paragraph of the introduction.\n\n🎬 Plot\nText.',
    );
    expect(content.headline).toBe('Burning (2018)');
    expect(content.dek).toBe('A Slow-Burn Mystery');
    expect(content.sections.map((s) => [s.heading, s.kind])).toEqual([
      ['', 'custom'],
      ['Plot', 'plot'],
    ]);
  });

  it('turns more text before the first section into the opening, with no invented heading', () => {
    const { content, warnings } = importText(
      'Headline Here\nFirst paragraph, the dek.\nSecond paragraph.\nThird paragraph.\n\nVerdict\nGood.',
    );
    expect(content.dek).toBe('First paragraph, the dek.');
    expect(content.sections[0]).toMatchObject({ heading: '', kind: 'custom' });
    expect(sectionText(content.sections[0]!.body)).toBe('Second paragraph.\n\nThird paragraph.');
    expect(warnings.map((w) => w.what).join(' ')).not.toMatch(/Introduction/);
  });

  it('makes an article without headings one section, and says so', () => {
    const { content, warnings } = importText('Headline Here\nThe dek.\nMore words.\nAnd more.');
    // All of it is the opening: no heading the author did not write.
    expect(content.sections).toMatchObject([{ heading: '', kind: 'custom' }]);
    expect(warnings.map((w) => w.what)).toContainEqual(
      expect.stringMatching(/No section headings/),
    );
  });

  it('keeps every word of an article with more sections than a review may have', () => {
    const article = [
      'Headline',
      'The dek.',
      ...Array.from({ length: 130 }, (_, i) => `🎬 Part ${i + 1}\nWords of part ${i + 1}.`),
    ].join('\n');
    const { content, warnings } = importText(article);
    expect(content.sections).toHaveLength(44);
    const text = content.sections.map((s) => `${s.heading}\n${sectionText(s.body)}`).join('\n');
    for (let i = 1; i <= 130; i++) expect(text).toContain(`Words of part ${i}.`);
    expect(content.sections[1]!.heading).toBe('Part 4');
    expect(sectionText(content.sections[1]!.body)).toBe(
      'Words of part 4.\n\nPart 5\n\nWords of part 5.\n\nPart 6\n\nWords of part 6.',
    );
    expect(warnings.map((w) => w.what)).toContainEqual(expect.stringMatching(/130 sections/));
  });

  it('says when there is no headline or no title and year', () => {
    const { content, warnings } = importText(
      'This article starts with a sentence. It has no headline at all.\n\nVerdict\nFine.',
    );
    expect(content.headline).toBe('');
    expect(content.work.title).toBe('');
    const what = warnings.map((w) => w.what);
    expect(what).toContainEqual(expect.stringMatching(/No headline/));
    expect(what).toContainEqual(expect.stringMatching(/title and year were not found/));
  });

  it('tells a series from a film', () => {
    const { content } = importText(
      'Squid Game (2021): Season 1\nThe nine-episode series that ate the world.\n\nPlot\nText.',
    );
    expect(content.work).toMatchObject({ title: 'Squid Game', year: 2021, kind: 'series' });
  });
});

describe('plain-text bodies', () => {
  const body = (text: string): JSONContent =>
    importText(`Headline\nThe dek.\n\nPlot\n${text}`).content.sections[0]!.body;

  it('keeps each line a paragraph', () => {
    expect(body('One.\nTwo.\n\nThree.')).toEqual({
      type: 'doc',
      content: ['One.', 'Two.', 'Three.'].map((text) => ({
        type: 'paragraph',
        content: [{ type: 'text', text }],
      })),
    });
  });

  it('joins the lines of hard-wrapped paragraphs', () => {
    const wrapped = [
      'This paragraph was wrapped at a fixed width by an old',
      'mail program, so its lines are all of a similar length',
      'and a blank line separates it from the next paragraph.',
      '',
      'The second paragraph is wrapped the same way, with lines',
      'that are neither very short nor very long, as they always',
      'are in text that came through such a program.',
    ].join('\n');
    expect(sectionText(body(wrapped))).toBe(
      'This paragraph was wrapped at a fixed width by an old mail program, so its lines are all of a similar length and a blank line separates it from the next paragraph.\n\nThe second paragraph is wrapped the same way, with lines that are neither very short nor very long, as they always are in text that came through such a program.',
    );
  });

  it('makes lists of "-", "*", "•" and numbered lines', () => {
    expect(body('- one\n* two\n• three').content).toEqual([
      {
        type: 'bulletList',
        content: ['one', 'two', 'three'].map((text) => ({
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
        })),
      },
    ]);
    expect(body('3. third\n4. fourth').content?.[0]).toMatchObject({
      type: 'orderedList',
      attrs: { start: 3 },
    });
  });

  it('nests indented items', () => {
    expect(sectionText(body('- one\n  - one a\n  - one b\n- two'))).toBe(
      '- one\n  - one a\n  - one b\n- two',
    );
  });

  it('gives each item its description when every item has one, else ends the list', () => {
    expect(sectionText(body('- Lee as Lim\nHis performance.\n- Koo as Ri\nHis menace.'))).toBe(
      '- Lee as Lim\n  His performance.\n- Koo as Ri\n  His menace.',
    );
    expect(sectionText(body('- one\n- two\nA paragraph after the list.'))).toBe(
      '- one\n- two\n\nA paragraph after the list.',
    );
  });

  it('splits an item that ran on at the end of a description', () => {
    const { content, warnings } = importText(
      'Headline\nThe dek.\n\nCast\n- Lee as Lim\nGreat in it. - Koo as Ri\nMenacing.',
    );
    expect(sectionText(content.sections[0]!.body)).toBe(
      '- Lee as Lim\n  Great in it.\n- Koo as Ri\n  Menacing.',
    );
    expect(warnings).toContainEqual({
      what: expect.stringContaining('“Koo as Ri” a list item'),
      where: 'line 6',
    });
  });

  it('sets the label of a "Label: explanation" item in bold', () => {
    expect(body('- Freedom vs. Oppression: the struggle.').content?.[0]?.content?.[0]).toEqual({
      type: 'listItem',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Freedom vs. Oppression:', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' the struggle.' },
          ],
        },
      ],
    });
  });

  it('links web addresses, and only safe ones', () => {
    expect(body('Read https://example.com/interview. Or javascript:alert(1).').content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Read ' },
          {
            type: 'text',
            text: 'https://example.com/interview',
            marks: [
              {
                type: 'link',
                attrs: expect.objectContaining({ href: 'https://example.com/interview' }),
              },
            ],
          },
          { type: 'text', text: '. Or javascript:alert(1).' },
        ],
      },
    ]);
  });

  it('keeps markup in the text as words, never as markup', () => {
    const { content } = importText(
      'Headline <script>alert(1)</script>\nA dek with <b>tags</b>.\n\nPlot\n<img src=x onerror=alert(1)> text',
    );
    expect(content.headline).toBe('Headline alert(1)');
    expect(content.dek).toBe('A dek with tags.');
    expect(sectionText(content.sections[0]!.body)).toBe('<img src=x onerror=alert(1)> text');
  });

  it('makes a rule of a line of dashes or stars', () => {
    expect(body('One.\n* * *\nTwo.').content?.map((node) => node.type)).toEqual([
      'paragraph',
      'horizontalRule',
      'paragraph',
    ]);
  });
});

describe('credits and genres in a plain-text article', () => {
  const { content, guesses, warnings } = importText(
    [
      'The Lives of Others (2006): Listening In',
      'Directed by Florian Henckel von Donnersmarck, The Lives of Others is a quiet political thriller.',
      '',
      'Plot',
      'The film, starring Ulrich Mühe as Gerd Wiesler and Sebastian Koch as Georg Dreyman, is set in East Berlin.',
      '',
      'Credits',
      '- Starring: Martina Gedeck, Ulrich Tukur',
      '- Music: Gabriel Yared',
      '',
      'Verdict',
      'Lives is a film to see.',
    ].join('\n'),
  );
  const credits = content.credits.map(({ name, role, character }) => [name, role, character]);

  it('reads the people, and never a title, from the sentences and the credits list', () => {
    expect(credits).toEqual([
      ['Florian Henckel von Donnersmarck', 'director', null],
      ['Ulrich Mühe', 'cast', 'Gerd Wiesler'],
      ['Sebastian Koch', 'cast', 'Georg Dreyman'],
      ['Martina Gedeck', 'cast', null],
      ['Ulrich Tukur', 'cast', null],
      ['Gabriel Yared', 'composer', null],
    ]);
  });

  it('marks the credits from sentences and the genres as guesses, with a warning each', () => {
    expect(
      guesses.credits.map(({ index, where }) => [content.credits[index]!.name, where]),
    ).toEqual([
      ['Florian Henckel von Donnersmarck', 'the dek'],
      ['Ulrich Mühe', 'line 5'],
      ['Sebastian Koch', 'line 5'],
    ]);
    expect(content.genres.map((genre) => genre.name)).toEqual(['Political thriller']);
    expect(guesses.genres).toEqual([
      {
        index: 0,
        from: 'Directed by Florian Henckel von Donnersmarck, The Lives of Others is a quiet political thriller.',
        where: 'the dek',
      },
    ]);
    expect(warnings).toContainEqual({
      what: 'Guessed from the text, not a credits list: Ulrich Mühe (cast as Gerd Wiesler), from “The film, starring Ulrich Mühe as Gerd Wiesler and Sebastian Koch as Georg Dreyman, is set in East Berlin.” — check the name and the role.',
      where: 'line 5',
    });
    expect(warnings.filter((w) => w.what.startsWith('Guessed from the text'))).toHaveLength(4);
  });
});
