import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { plainBlocks } from '../../lib/content/rich-text/plain-blocks';
import type { ReviewContent, ReviewSection } from '../../lib/content/review-content';
import {
  diffBodies,
  diffReviewContent,
  diffText,
  type DiffPart,
} from '../../lib/content/revision-diff';

const text = (value: string, marks?: JSONContent['marks']): JSONContent =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const bullets = (...items: string[]): JSONContent => ({
  type: 'bulletList',
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
    expect(byField.poster).toEqual([{ type: 'ins', text: 'Image 7' }]);
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
        level: 0,
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
