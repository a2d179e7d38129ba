import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GuessedList } from '../../app/(admin)/admin/import/_components/guessed-list';
import { standingGuesses } from '../../app/(admin)/admin/import/_lib/standing-guesses';
import { readSampleArticle } from '../../db/seed/sample-review';
import { importArticle } from '../../lib/import';

// How the import preview marks what the importer guessed: the credits read from sentences and
// the genres, each with the words it was read from, in text ("guessed from the text"), until
// the editor changes it. The page itself is exercised in e2e/import.spec.ts.

const { content, guesses } = importArticle({ text: readSampleArticle() }, { format: 'text' });
const render = (current: typeof content) =>
  renderToStaticMarkup(
    createElement(GuessedList, {
      content: current,
      standing: standingGuesses(content, guesses, current),
    }),
  );
/** The list's items as text, marks and quotes included. */
const items = (html: string) =>
  [...html.matchAll(/<li>(.*?)<\/li>/g)].map(([, item]) =>
    item!
      .replace(/<q>|<\/q>/g, '"')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'"),
  );

describe('the guesses in the import preview', () => {
  it('marks each credit read from a sentence and each genre, with its words and place', () => {
    const html = render(content);
    expect(html).toContain('Guessed from the text (6)');
    const listed = items(html);
    expect(listed).toHaveLength(6);
    for (const item of listed) expect(item).toMatch(/^guessed from the text (Credit|Genre): /);
    expect(listed[0]).toMatch(
      /^guessed from the text Credit: Lee Jong-pil \(director\), from "Escape \(2024\), directed by Lee Jong-pil, .*" \(the dek\)$/,
    );
    expect(listed[3]).toMatch(
      /Credit: Dalpalan \(composer\), from "The haunting score by Dalpalan/,
    );
    expect(listed.slice(4)).toEqual([
      expect.stringContaining('Genre: Thriller, from "ESCAPE (2024) Top Thriller Movie"'),
      expect.stringContaining('Genre: Political drama, from "Escape (2024)'),
    ]);
    // The cast list's three members are not guesses.
    expect(html).not.toMatch(/Lee Je-hoon|Koo Kyo-hwan|Hong Xa-bin/);
  });

  it('follows the credits as the editor reorders them, and drops one the editor changed', () => {
    const reordered = {
      ...content,
      credits: [
        ...content.credits.slice(1, 6),
        { ...content.credits[6]!, name: 'Dal Pa-lan', slug: 'dal-pa-lan' },
        content.credits[0]!,
      ],
    };
    const standing = standingGuesses(content, guesses, reordered);
    expect([...standing.credits.keys()]).toEqual([3, 4, 6]);
    expect(items(render(reordered)).join('\n')).not.toContain('Dal');
    const none = { ...content, credits: content.credits.slice(1, 4), genres: [] };
    expect(render(none)).toBe('');
  });
});
