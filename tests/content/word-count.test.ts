import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import {
  countBodyWords,
  countTextWords,
  describeLength,
  readingMinutes,
} from '../../lib/content/word-count';

// The editor's word count and reading time, per section and for the whole review.

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('word count', () => {
  it('counts words as a reader would', () => {
    expect(countTextWords('Six words of text, Gyu-nam’s escape.')).toBe(6);
    expect(countTextWords('It runs 94 minutes (3.14 hours?) — no.')).toBe(7);
    expect(countTextWords('   ')).toBe(0);
    expect(countTextWords('탈주 (2024)')).toBe(2);
  });

  it('counts what a reader reads in a body: text, headings, lists and quotes, not alt text', () => {
    const body = {
      type: 'doc',
      content: [
        paragraph('One two three.'),
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Four' }] },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [paragraph('five six')] }],
        },
        { type: 'blockquote', content: [paragraph('seven')] },
        { type: 'image', attrs: { src: '/media/1/1280.webp', alt: 'not read aloud here' } },
        { type: 'horizontalRule' },
      ],
    };
    expect(countBodyWords(body)).toBe(7);
    expect(countBodyWords({ type: 'doc', content: [{ type: 'paragraph' }] })).toBe(0);
  });

  it('counts the sample review', () => {
    const sample = buildSampleReview(readSampleArticle());
    const total = sample.sections.reduce((sum, section) => sum + countBodyWords(section.body), 0);
    // Its sections hold 872 words by this count; a count off by a whole section would show.
    expect(total).toBe(872);
  });

  it('is the number of words joined by spaces or punctuation, for any words', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    const separator = fc.constantFrom(' ', ', ', '. ', ' — ', '\n', '; ');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, separator), { maxLength: 50 }), (parts) => {
        const text = parts.map(([w, s]) => w + s).join('');
        expect(countTextWords(text)).toBe(parts.length);
      }),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => countTextWords(text) >= 0));
  });
});

describe('reading time', () => {
  it('is whole minutes at 238 words a minute, at least one for any text', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(238)).toBe(1);
    expect(readingMinutes(600)).toBe(3);
    expect(describeLength(0)).toBe('0 words');
    expect(describeLength(1)).toBe('1 word · 1 min read');
    expect(describeLength(1234)).toBe('1,234 words · 5 min read');
  });
});
