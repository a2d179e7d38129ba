import { describe, expect, it } from 'vitest';
import { excerptParagraphs, reviewDescription } from '../../lib/seo/excerpt';
import { posterImage } from '../../lib/seo/poster';
import { reviewMetadata } from '../../lib/seo/review-metadata';
import { truncateText } from '../../lib/seo/text';
import { body, sampleReview } from './fixtures';

const spoilerFirst = [
  { spoiler: true, body: body('SPOILER one.', 'SPOILER two.') },
  { spoiler: false, body: body('') },
  { spoiler: false, body: body('Lead one.', 'Lead two.') },
  { spoiler: false, body: body('Later section.') },
];

describe('descriptions and excerpts', () => {
  it('use the dek when there is one, cut to about 160 characters', () => {
    expect(reviewDescription({ dek: '  The  dek.\n', sections: spoilerFirst })).toBe('The dek.');
    const dek = reviewDescription({ dek: 'dek '.repeat(100), sections: spoilerFirst });
    expect(dek.length).toBeLessThanOrEqual(160);
    expect(dek.endsWith('dek…')).toBe(true);
  });

  it('otherwise use the first non-spoiler paragraph, cut to about 160 characters', () => {
    expect(reviewDescription({ dek: '', sections: spoilerFirst })).toBe('Lead one.');
    const long = 'word '.repeat(100).trim();
    const description = reviewDescription({
      dek: '',
      sections: [{ spoiler: false, body: body(long) }],
    });
    expect(description.length).toBeLessThanOrEqual(160);
    expect(description.endsWith('word…')).toBe(true);
  });

  it('are empty rather than spoil', () => {
    expect(reviewDescription({ dek: '', sections: [spoilerFirst[0]!] })).toBe('');
    expect(excerptParagraphs({ dek: '', sections: [spoilerFirst[0]!] })).toEqual([]);
  });

  it('excerpt the dek and the first non-spoiler section, about 500 characters in all', () => {
    expect(excerptParagraphs({ dek: 'Dek.', sections: spoilerFirst })).toEqual([
      'Dek.',
      'Lead one.',
      'Lead two.',
    ]);
    const paragraph = 'A sentence of some length that keeps going. '.repeat(5).trim();
    const excerpt = excerptParagraphs({
      dek: paragraph,
      sections: [{ spoiler: false, body: body(paragraph, paragraph, paragraph, paragraph) }],
    });
    const total = excerpt.join('').length;
    expect(total).toBeGreaterThan(300);
    expect(total).toBeLessThanOrEqual(500);
    expect(excerpt.join(' ')).not.toContain('SPOILER');
  });

  it('never cut a character in half', () => {
    expect(truncateText('🎬'.repeat(10), 5)).toBe('🎬🎬🎬🎬…');
  });
});

describe('reviewMetadata', () => {
  it('gives the title, description, canonical URL, Open Graph article and Twitter card', () => {
    const metadata = reviewMetadata(sampleReview(), 'The Review Desk');
    expect(metadata).toMatchObject({
      title: 'Escape (2024): A Gripping Tale',
      description: 'A tense thriller about a soldier who runs for the border.',
      alternates: { canonical: '/reviews/escape-2024' },
      openGraph: {
        type: 'article',
        url: '/reviews/escape-2024',
        siteName: 'The Review Desk',
        title: 'Escape (2024): A Gripping Tale',
        description: 'A tense thriller about a soldier who runs for the border.',
        publishedTime: '2025-01-02T03:04:05.000Z',
        modifiedTime: '2025-02-03T04:05:06.000Z',
        authors: ['Dana Critic'],
      },
      twitter: { card: 'summary_large_image', title: 'Escape (2024): A Gripping Tale' },
    });
  });

  it('leaves the images out without a poster, so the generated image is used', () => {
    const metadata = reviewMetadata(sampleReview({ poster: null }), 'Site');
    // Present even as undefined, the key would switch Next's opengraph-image.tsx off.
    expect(Object.keys(metadata.openGraph!)).not.toContain('images');
    expect(Object.keys(metadata.twitter!)).not.toContain('images');
  });

  it('shares the poster’s 1280 variant with its size', () => {
    const metadata = reviewMetadata(
      sampleReview({ poster: { id: 12, width: 2000, height: 3000 } }),
      'Site',
    );
    const image = { url: '/media/12/1280.webp', width: 1280, height: 1920 };
    expect(metadata.openGraph).toMatchObject({ images: [image] });
    expect(metadata.twitter).toMatchObject({ images: [{ url: image.url }] });
    // A narrow original is never enlarged.
    expect(posterImage({ id: 3, width: 600, height: 900 })).toEqual({
      url: '/media/3/1280.webp',
      width: 600,
      height: 900,
    });
  });

  it('describes a review without a dek by its first non-spoiler paragraph', () => {
    const metadata = reviewMetadata(sampleReview({ dek: '' }), 'Site');
    expect(metadata.description).toBe('First plot paragraph.');
    expect(JSON.stringify(metadata)).not.toContain('SPOILER');
  });
});
