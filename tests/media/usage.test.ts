import { describe, expect, it } from 'vitest';
import {
  ALT_MARKUP,
  ALT_REQUIRED,
  altTextSchema,
  uploadAltTextSchema,
} from '../../lib/media/alt-text';
import { formatBytes, typeName, variantPixelWidth } from '../../lib/media/format';
import { parseMediaId } from '../../lib/media/ids';
import { describeUse, inUseMessage, type MediaUse } from '../../lib/media/usage';

// The media library's wording and input checks, free of the database.

const use = (overrides: Partial<MediaUse> = {}): MediaUse => ({
  reviewId: 1,
  label: 'Escape (2024)',
  status: 'draft',
  workingCopy: ['poster'],
  published: [],
  ...overrides,
});

describe('inUseMessage', () => {
  it('names the reviews with their status and says what to do', () => {
    expect(inUseMessage({ uses: [use()], hidden: 0 })).toBe(
      'This image is used by “Escape (2024)” (Draft). Remove it from that review first, then delete it.',
    );
    expect(
      inUseMessage({
        uses: [use(), use({ reviewId: 2, label: 'Parasite', status: 'published' })],
        hidden: 0,
      }),
    ).toBe(
      'This image is used by “Escape (2024)” (Draft) and “Parasite” (Published). Remove it from those reviews first, then delete it.',
    );
  });

  it('names five and counts the rest, and counts reviews the reader cannot open', () => {
    const many = Array.from({ length: 8 }, (_, index) =>
      use({ reviewId: index, label: `Review ${index}` }),
    );
    const message = inUseMessage({ uses: many, hidden: 2 });
    expect(message).toContain('“Review 4” (Draft), 3 more reviews and 2 reviews you cannot open');
    expect(message).not.toContain('Review 5');
    expect(message).toMatch(/Remove it from those reviews first/);
  });
});

describe('describeUse', () => {
  it('says where the working copy and the published version show it', () => {
    expect(describeUse(use())).toBe('As the poster');
    expect(describeUse(use({ workingCopy: ['text'] }))).toBe('In the text');
    expect(describeUse(use({ workingCopy: ['poster', 'text'], published: ['poster'] }))).toBe(
      'As the poster and in the text; published, so readers see it',
    );
    expect(describeUse(use({ workingCopy: [], published: ['text'] }))).toBe(
      'Only in the published version (in the text): publish the current version, or unpublish the review, to stop using it',
    );
  });
});

describe('parseMediaId', () => {
  it('reads a positive integer written plainly, and nothing else', () => {
    expect(parseMediaId('1')).toBe(1);
    expect(parseMediaId('9007199254740991')).toBe(9_007_199_254_740_991);
    for (const value of [
      '',
      '0',
      '01',
      '-1',
      '1.5',
      '1e3',
      ' 1',
      '1 ',
      '0x10',
      '9007199254740993',
      '99999999999999999',
      '1'.repeat(1_000_000),
      1,
      null,
      undefined,
      new File(['1'], 'id'),
    ]) {
      expect(parseMediaId(value), String(value).slice(0, 20)).toBeNull();
    }
  });
});

describe('alt text', () => {
  it('is required when edited, optional on upload, plain text and at most 300 characters', () => {
    expect(altTextSchema.safeParse('').error?.issues[0]?.message).toBe(ALT_REQUIRED);
    expect(uploadAltTextSchema.parse('   ')).toBe('');
    expect(altTextSchema.safeParse('x'.repeat(301)).error?.issues[0]?.message).toBe(
      'Use at most 300 characters; this is 301.',
    );
    // Only one message for an over-long value: no pattern runs on it.
    expect(altTextSchema.safeParse(`<b>${'x'.repeat(80_000)}`).error?.issues).toEqual([
      expect.objectContaining({ message: 'Use at most 300 characters; this is 80,003.' }),
    ]);
    expect(altTextSchema.safeParse('A <i>still</i>').error?.issues[0]?.message).toBe(ALT_MARKUP);
    // A "<" that starts no tag is text.
    expect(altTextSchema.parse('3 < 4, a film still')).toBe('3 < 4, a film still');
    expect(altTextSchema.parse(' Two\r\nlines\tand  spaces ')).toBe('Two lines and spaces');
  });
});

describe('describing a file', () => {
  it('names the type and the size', () => {
    expect(typeName('image/avif')).toBe('AVIF');
    expect(typeName('image/gif')).toBe('image/gif');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(912)).toBe('912 bytes');
    expect(formatBytes(49_460)).toBe('48.3 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });

  it('gives a variant the original’s width when the original is narrower', () => {
    expect(variantPixelWidth(640, 800)).toBe(640);
    expect(variantPixelWidth(1920, 800)).toBe(800);
  });
});
