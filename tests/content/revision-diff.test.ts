import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { plainBlocks } from '../../lib/content/rich-text/plain-blocks';
import type { ReviewContent, ReviewSection } from '../../lib/content/review-content';
import {
  diffBlocks,
  diffBodies,
  diffReviewContent,
  diffText,
  listMarker,
  posterMediaIds,
  type DiffPart,
  type MediaLabel,
} from '../../lib/content/revision-diff';

const text = (value: string, marks?: JSONContent['marks']): JSONContent =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const bullets = (...items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [para(text(item))] })),
});

const numbered = (attrs: Record<string, unknown> | null, ...items: string[]): JSONContent => ({
  type: 'orderedList',
  ...(attrs ? { attrs } : {}),
  content: items.map((item) => ({ type: 'listItem', content: [para(text(item))] })),
});

const sample = buildSampleReview(readSampleArticle());

/** The sample review with some changes applied. */
function edited(change: (content: ReviewContent) => void): ReviewContent {
  const copy = structuredClone(sample);
  change(copy);
  return copy;
}

const inserted = (parts: DiffPart[]) =>
  parts.filter((part) => part.type === 'ins').map((part) => part.text.trim());
const deleted = (parts: DiffPart[]) =>
  parts.filter((part) => part.type === 'del').map((part) => part.text.trim());

describe('plainBlocks', () => {
  it('gives one block per paragraph, heading and list item, in reading order', () => {
    const body = doc(
      { type: 'heading', attrs: { level: 3 }, content: [text('A heading')] },
      para(text('Plain, '), text('bold', [{ type: 'bold' }]), text(' and more.')),
      bullets('First point', 'Second point'),
      { type: 'blockquote', content: [para(text('Quoted.'))] },
      { type: 'horizontalRule' },
      { type: 'image', attrs: { src: '/media/1/640.webp', alt: 'A still' } },
      { type: 'paragraph' },
    );
    expect(plainBlocks(body)).toEqual([
      { kind: 'heading', text: 'A heading', level: 3 },
      { kind: 'paragraph', text: 'Plain, bold and more.', level: 0 },
      { kind: 'listItem', text: 'First point', level: 1 },
      { kind: 'listItem', text: 'Second point', level: 1 },
      { kind: 'quote', text: 'Quoted.', level: 0 },
      { kind: 'rule', text: '', level: 0 },
      { kind: 'image', text: 'A still', level: 0 },
    ]);
  });
});

describe('diffBlocks', () => {
  it('gives the blocks plainBlocks gives, in the same order', () => {
    for (const section of sample.sections) {
      const body = section.body as JSONContent;
      expect(diffBlocks(body).map(({ kind, text, level }) => ({ kind, text, level }))).toEqual(
        plainBlocks(body),
      );
    }
  });

  it('numbers the items of a numbered list from its start, and bullets the others', () => {
    const blocks = diffBlocks(
      doc(
        para(text('Three reasons:')),
        numbered(null, 'Pace', 'Cast', 'Score'),
        numbered({ start: 7 }, 'Seventh', 'Eighth'),
        bullets('A point'),
      ),
    );
    expect(blocks.map((block) => [block.marker, block.list, block.text])).toEqual([
      [null, null, 'Three reasons:'],
      ['1.', 'ordered', 'Pace'],
      ['2.', 'ordered', 'Cast'],
      ['3.', 'ordered', 'Score'],
      ['7.', 'ordered', 'Seventh'],
      ['8.', 'ordered', 'Eighth'],
      ['•', 'bullet', 'A point'],
    ]);
  });

  it('numbers nested lists on their own, marks only an item’s first paragraph, counts empty items', () => {
    const blocks = diffBlocks(
      doc({
        type: 'orderedList',
        attrs: { start: 1 },
        content: [
          {
            type: 'listItem',
            content: [
              para(text('First')),
              para(text('More about the first')),
              numbered({ type: 'a' }, 'Sub one', 'Sub two'),
            ],
          },
          { type: 'listItem', content: [{ type: 'paragraph' }] },
          { type: 'listItem', content: [para(text('Third'))] },
        ],
      }),
    );
    expect(blocks.map((block) => [block.marker, block.level, block.text])).toEqual([
      ['1.', 1, 'First'],
      [null, 1, 'More about the first'],
      ['a.', 2, 'Sub one'],
      ['b.', 2, 'Sub two'],
      ['3.', 1, 'Third'],
    ]);
  });

  it('writes numbers in the list’s style, as a browser does', () => {
    expect([1, 2, 26, 27, 52, 703].map((n) => listMarker(n, 'a'))).toEqual([
      'a.',
      'b.',
      'z.',
      'aa.',
      'az.',
      'aaa.',
    ]);
    expect(listMarker(28, 'A')).toBe('AB.');
    expect([1, 4, 9, 14, 40, 1994, 3999].map((n) => listMarker(n, 'i'))).toEqual([
      'i.',
      'iv.',
      'ix.',
      'xiv.',
      'xl.',
      'mcmxciv.',
      'mmmcmxcix.',
    ]);
    expect(listMarker(12, 'I')).toBe('XII.');
    // No letter or numeral for these: digits, as browsers fall back to.
    expect([listMarker(0, 'a'), listMarker(0, 'i'), listMarker(4000, 'I')]).toEqual([
      '0.',
      '0.',
      '4000.',
    ]);
    expect([listMarker(5, '1'), listMarker(5, undefined)]).toEqual(['5.', '5.']);
  });
});

describe('diffText', () => {
  it('marks the changed words inside the sentence', () => {
    const parts = diffText('The heist was brisk and clever.', 'The heist was slow and clever.');
    expect(deleted(parts)).toEqual(['brisk']);
    expect(inserted(parts)).toEqual(['slow']);
    expect(
      parts
        .filter((part) => part.type !== 'ins')
        .map((part) => part.text)
        .join(''),
    ).toBe('The heist was brisk and clever.');
    expect(
      parts
        .filter((part) => part.type !== 'del')
        .map((part) => part.text)
        .join(''),
    ).toBe('The heist was slow and clever.');
  });

  it('returns nothing to mark for identical text', () => {
    expect(diffText('Same.', 'Same.')).toEqual([{ type: 'same', text: 'Same.' }]);
    expect(diffText('', '')).toEqual([]);
  });
});

describe('diffBodies', () => {
  it('diffs a changed paragraph word by word and keeps the unchanged ones', () => {
    const blocks = diffBodies(
      doc(para(text('One stays.')), para(text('Two was good.')), para(text('Three stays.'))),
      doc(para(text('One stays.')), para(text('Two was great.')), para(text('Three stays.'))),
    );
    expect(blocks.map((block) => block.status)).toEqual(['same', 'changed', 'same']);
    expect(deleted(blocks[1]!.parts)).toEqual(['good']);
    expect(inserted(blocks[1]!.parts)).toEqual(['great']);
  });

  it('shows inserted and removed paragraphs whole', () => {
    const blocks = diffBodies(
      doc(para(text('Kept.')), para(text('Going away entirely.'))),
      doc(para(text('A brand new opening.')), para(text('Kept.'))),
    );
    expect(blocks.map((block) => [block.status, block.parts.map((part) => part.type)])).toEqual([
      ['added', ['ins']],
      ['same', ['same']],
      ['removed', ['del']],
    ]);
  });

  it('does not pair unrelated paragraphs into a word soup', () => {
    const blocks = diffBodies(
      doc(para(text('Completely different words here.'))),
      doc(para(text('Nothing in common at all!'))),
    );
    expect(blocks.map((block) => block.status)).toEqual(['removed', 'added']);
  });

  it('notices a paragraph that became a list item', () => {
    const [block] = diffBodies(doc(para(text('A point.'))), doc(bullets('A point.')));
    expect(block).toMatchObject({ status: 'changed', kind: 'listItem', previousKind: 'paragraph' });
  });

  it('notices a bulleted list that became a numbered one', () => {
    const blocks = diffBodies(doc(bullets('Pace', 'Cast')), doc(numbered(null, 'Pace', 'Cast')));
    expect(blocks).toMatchObject([
      {
        status: 'changed',
        list: 'ordered',
        marker: '1.',
        previousKind: 'listItem',
        previousList: 'bullet',
      },
      {
        status: 'changed',
        list: 'ordered',
        marker: '2.',
        previousKind: 'listItem',
        previousList: 'bullet',
      },
    ]);
  });

  it('shows the newer numbers, without marking items that were only renumbered', () => {
    const blocks = diffBodies(
      doc(numbered(null, 'Pace', 'Cast')),
      doc(numbered(null, 'A brand new first reason', 'Pace', 'Cast')),
    );
    expect(blocks.map((block) => [block.status, block.marker])).toEqual([
      ['added', '1.'],
      ['same', '2.'],
      ['same', '3.'],
    ]);
    // A removed item keeps the number it had.
    const removed = diffBodies(
      doc(numbered(null, 'Pace', 'Cast', 'Score')),
      doc(numbered(null, 'Pace', 'Score')),
    );
    expect(removed.map((block) => [block.status, block.marker])).toEqual([
      ['same', '1.'],
      ['removed', '2.'],
      ['same', '2.'],
    ]);
  });
});

describe('diffReviewContent', () => {
  it('finds nothing between a revision and itself', () => {
    const diff = diffReviewContent(sample, structuredClone(sample));
    expect(diff.unchanged).toBe(true);
    expect(diff.unchangedSections).toBe(sample.sections.length);
  });

  it('lists changed fields: text word by word, values as a whole', () => {
    const diff = diffReviewContent(
      sample,
      edited((c) => {
        c.headline = c.headline.replace('Gripping', 'Thrilling');
        c.slug = 'escape-2024-review';
        c.work.year = 2025;
        c.rating = null;
        c.posterMediaId = 7;
      }),
    );
    const byField = Object.fromEntries(diff.fields.map((field) => [field.field, field.parts]));
    expect(Object.keys(byField).sort()).toEqual(['headline', 'poster', 'slug', 'year'].sort());
    expect(deleted(byField.headline!)).toEqual(['Gripping']);
    expect(inserted(byField.headline!)).toEqual(['Thrilling']);
    expect(byField.slug).toEqual([
      { type: 'del', text: 'escape-2024' },
      { type: 'ins', text: 'escape-2024-review' },
    ]);
    expect(byField.year).toEqual([
      { type: 'del', text: '2024' },
      { type: 'ins', text: '2025' },
    ]);
    // Without the media library's names, a poster is named by its number.
    expect(byField.poster).toEqual([{ type: 'ins', text: 'Image 7' }]);
  });

  it('names posters by their alt text, else their file name, never by a bare id', () => {
    const media = new Map<number, MediaLabel>([
      [12, { alt: 'Gyu-nam running across the minefield at night', originalName: 'escape.jpg' }],
      [13, { alt: '  ', originalName: 'escape-alternate.png' }],
      [14, { alt: 'Gyu-nam running across the minefield at night', originalName: 'copy.jpg' }],
    ]);
    const withPoster = (id: number | null) => edited((c) => (c.posterMediaId = id));
    const poster = (from: number | null, to: number | null) =>
      diffReviewContent(withPoster(from), withPoster(to), { media }).fields.find(
        (field) => field.field === 'poster',
      );

    expect(poster(null, 12)).toEqual({
      field: 'poster',
      label: 'Poster',
      parts: [{ type: 'ins', text: 'Gyu-nam running across the minefield at night' }],
    });
    expect(poster(12, 13)?.parts).toEqual([
      { type: 'del', text: 'Gyu-nam running across the minefield at night' },
      { type: 'ins', text: 'escape-alternate.png' },
    ]);
    expect(poster(13, null)?.parts).toEqual([{ type: 'del', text: 'escape-alternate.png' }]);
    // Two images with the same alt text: their numbers tell them apart.
    expect(poster(12, 14)?.parts).toEqual([
      { type: 'del', text: 'Gyu-nam running across the minefield at night (image 12)' },
      { type: 'ins', text: 'Gyu-nam running across the minefield at night (image 14)' },
    ]);
    // An image the library no longer has.
    expect(poster(12, 99)?.parts.at(-1)).toEqual({ type: 'ins', text: 'Image 99' });
    expect(poster(12, 12)).toBeUndefined();
  });

  it('lists the posters to look up', () => {
    const withPoster = (id: number | null) => edited((c) => (c.posterMediaId = id));
    expect(posterMediaIds(withPoster(3), withPoster(5))).toEqual([3, 5]);
    expect(posterMediaIds(withPoster(3), withPoster(3))).toEqual([3]);
    expect(posterMediaIds(withPoster(null), withPoster(null))).toEqual([]);
  });

  it('shows a rating change', () => {
    const before = edited((c) => (c.rating = { value: 3.5, scale: 5 }));
    const after = edited((c) => (c.rating = { value: 4, scale: 5 }));
    expect(diffReviewContent(before, after).fields).toEqual([
      {
        field: 'rating',
        label: 'Rating',
        parts: [
          { type: 'del', text: '3.5 / 5' },
          { type: 'ins', text: '4 / 5' },
        ],
      },
    ]);
  });

  it('lists added, removed and changed credits and genres', () => {
    const diff = diffReviewContent(
      sample,
      edited((c) => {
        c.credits = c.credits.filter((credit) => credit.role !== 'composer');
        c.credits.push({ name: 'Jane Doe', slug: 'jane-doe', role: 'writer', character: null });
        const cast = c.credits.find((credit) => credit.slug === 'lee-je-hoon')!;
        cast.character = 'Sergeant Lim Gyu-nam';
        c.genres = [...c.genres, { name: 'Heist', slug: 'heist' }];
      }),
    );
    expect(diff.credits.lines).toContainEqual({ status: 'removed', text: 'Composer: Dalpalan' });
    expect(diff.credits.lines).toContainEqual({ status: 'added', text: 'Writer: Jane Doe' });
    const changed = diff.credits.lines.find((line) => line.status === 'changed');
    expect(changed?.status === 'changed' && inserted(changed.parts)).toEqual(['Sergeant']);
    expect(diff.credits.reordered).toBe(false);
    expect(diff.genres.lines).toEqual([{ status: 'added', text: 'Heist' }]);
  });

  it('notices reordered credits', () => {
    const diff = diffReviewContent(
      sample,
      edited((c) => c.credits.reverse()),
    );
    expect(diff.credits).toEqual({ lines: [], reordered: true });
  });

  it('matches sections by id: added, removed, moved, renamed, re-kinded, spoiler, body', () => {
    const added: ReviewSection = {
      id: '00000000-0000-4000-8000-000000000001',
      kind: 'custom',
      heading: 'Trivia',
      spoiler: false,
      body: doc(para(text('Shot in Mongolia.'))),
    };
    const after = edited((c) => {
      const [plot, cast, direction, themes, ...rest] = c.sections;
      // Remove "cast", move "themes" before "plot", rename and re-mark "direction",
      // change words in one paragraph of "plot", and add a new section at the end.
      direction!.heading = 'Direction and Style';
      direction!.spoiler = true;
      themes!.kind = 'custom';
      plot!.body = JSON.parse(
        JSON.stringify(plot!.body).replace('Set in North Korea', 'Set in isolated North Korea'),
      ) as JSONContent;
      void cast;
      c.sections = [themes!, plot!, direction!, ...rest, added];
    });
    const diff = diffReviewContent(sample, after);
    const byHeading = Object.fromEntries(diff.sections.map((s) => [s.heading, s]));

    expect(byHeading['Trivia']).toMatchObject({
      status: 'added',
      position: { before: null, after: sample.sections.length },
    });
    expect(byHeading['Trivia']!.body).toEqual([
      {
        status: 'added',
        kind: 'paragraph',
        previousKind: null,
        previousList: null,
        level: 0,
        list: null,
        marker: null,
        parts: [{ type: 'ins', text: 'Shot in Mongolia.' }],
      },
    ]);

    expect(byHeading['Main Cast and Performances']).toMatchObject({
      status: 'removed',
      position: { before: 2, after: null },
    });
    expect(
      byHeading['Main Cast and Performances']!.body!.every((b) => b.status === 'removed'),
    ).toBe(true);

    const themes = byHeading['Themes and Symbolism']!;
    expect(themes).toMatchObject({
      status: 'changed',
      moved: true,
      position: { before: 4, after: 1 },
      kind: { before: 'themes', after: 'custom' },
      body: null,
    });

    const direction = byHeading['Direction and Style']!;
    expect(direction.moved).toBe(false);
    expect(direction.spoiler).toEqual({ before: false, after: true });
    expect(inserted(direction.headingParts!)).toEqual([]);
    expect(deleted(direction.headingParts!)).toEqual(['Cinematic']);

    const plot = byHeading['Plot Summary']!;
    // Plot only shifted because "themes" moved ahead of it: not itself moved.
    expect(plot.moved).toBe(false);
    expect(plot.body![0]!.status).toBe('changed');
    expect(inserted(plot.body![0]!.parts)).toEqual(['isolated']);
    expect(deleted(plot.body![0]!.parts)).toEqual([]);
    expect(plot.body!.slice(1).every((block) => block.status === 'same')).toBe(true);

    // Reading order: the newer one, with the removed section where it used to be.
    expect(diff.sections.map((s) => s.status)).toContain('removed');
    expect(diff.sections[0]!.heading).toBe('Themes and Symbolism');
    expect(diff.unchangedSections).toBe(sample.sections.length - 4);
    expect(diff.unchanged).toBe(false);
  });

  it('reports a change of formatting alone without marking words', () => {
    const before = edited((c) => (c.sections[0]!.body = doc(para(text('Bold move.')))));
    const after = edited(
      (c) => (c.sections[0]!.body = doc(para(text('Bold', [{ type: 'bold' }]), text(' move.')))),
    );
    const [section] = diffReviewContent(before, after).sections;
    expect(section).toMatchObject({ status: 'changed', formattingOnly: true, body: null });
  });
});
