import { describe, expect, it } from 'vitest';
import { buildReviewJsonLd, serializeJsonLd } from '../../lib/seo/review-json-ld';
import { HOSTILE, SITE, body, sampleReview } from './fixtures';

/** What a browser's HTML parser would hand a JSON-LD consumer: the script element's text. */
function scriptText(html: string): string {
  const match = /^<script type="application\/ld\+json">([\s\S]*?)<\/script>/i.exec(html);
  if (!match) throw new Error('no script element');
  return match[1]!;
}

describe('buildReviewJsonLd', () => {
  it('has the properties Google’s review snippet requires', () => {
    const data = buildReviewJsonLd(sampleReview(), SITE);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Review',
      name: 'Escape (2024): A Gripping Tale',
      headline: 'Escape (2024): A Gripping Tale',
      url: 'https://reviews.example/reviews/escape-2024',
      datePublished: '2025-01-02T03:04:05.000Z',
      dateModified: '2025-02-03T04:05:06.000Z',
      description: 'A tense thriller about a soldier who runs for the border.',
      author: { '@type': 'Person', name: 'Dana Critic' },
      publisher: { '@type': 'Organization', name: 'The Review Desk' },
      itemReviewed: {
        '@type': 'Movie',
        name: 'Escape',
        alternateName: '탈주',
        dateCreated: '2024',
        director: [{ '@type': 'Person', name: 'Lee Jong-pil' }],
        actor: [
          { '@type': 'Person', name: 'Lee Je-hoon' },
          { '@type': 'Person', name: 'Koo Kyo-hwan' },
        ],
        genre: ['Thriller'],
      },
      reviewRating: { '@type': 'Rating', ratingValue: 4.5, bestRating: 5, worstRating: 0 },
    });
    // The composer is neither director nor actor; there is no poster, so no image.
    expect(JSON.stringify(data)).not.toContain('Dalpalan');
    expect(data.itemReviewed).not.toHaveProperty('image');
  });

  it('reviews a series as a TVSeries', () => {
    const data = buildReviewJsonLd(sampleReview({ kind: 'series' }), SITE);
    expect(data.itemReviewed).toMatchObject({ '@type': 'TVSeries', name: 'Escape' });
  });

  it('gives a rating only when the review has one', () => {
    const data = buildReviewJsonLd(sampleReview({ rating: null }), SITE);
    expect(data).not.toHaveProperty('reviewRating');
    const zero = buildReviewJsonLd(sampleReview({ rating: { value: 0, scale: 5 } }), SITE);
    expect(zero.reviewRating).toMatchObject({ ratingValue: 0, bestRating: 5, worstRating: 0 });
  });

  it('names the publication as author when the review has none, and keeps names short', () => {
    const anonymous = buildReviewJsonLd(sampleReview({ authorName: null }), SITE);
    expect(anonymous.author).toEqual({
      '@type': 'Organization',
      name: 'The Review Desk',
      url: 'https://reviews.example/',
    });
    const long = buildReviewJsonLd(sampleReview({ authorName: 'A'.repeat(150) }), SITE);
    expect((long.author as { name: string }).name.length).toBeLessThan(100);
  });

  it('gives the poster as an absolute image URL', () => {
    const data = buildReviewJsonLd(
      sampleReview({ poster: { id: 7, width: 2000, height: 3000 } }),
      SITE,
    );
    expect(data.itemReviewed).toMatchObject({ image: 'https://reviews.example/media/7/1280.webp' });
  });

  it('never describes the review with spoiler text', () => {
    const review = sampleReview({
      dek: '',
      sections: [
        { id: 's', kind: 'plot', heading: 'Ending', spoiler: true, body: body('SPOILER ending') },
        { id: 't', kind: 'themes', heading: 'Themes', spoiler: false, body: body('Safe text.') },
      ],
    });
    const data = buildReviewJsonLd(review, SITE);
    expect(data.description).toBe('Safe text.');
    expect(JSON.stringify(data)).not.toContain('SPOILER');
  });
});

describe('serializeJsonLd', () => {
  it('cannot be broken out of by a headline with </script>', () => {
    const headline = `${HOSTILE}</script><script>alert(2)</script><!-- & \u2028\u2029 end`;
    const json = serializeJsonLd(buildReviewJsonLd(sampleReview({ headline }), SITE));
    for (const unsafe of ['<', '>', '&', '\u2028', '\u2029']) expect(json).not.toContain(unsafe);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(json).toContain('\\u2028');

    const html = `<script type="application/ld+json">${json}</script><p>after</p>`;
    const parsed = JSON.parse(scriptText(html)) as { headline: string; name: string };
    expect(parsed.headline).toBe(headline);
    expect(parsed.name).toBe(headline);
  });

  it('round-trips any string exactly', () => {
    const value = { text: 'a\u2028b\u2029c <>&"\'\\ 🎬 \u0000' };
    expect(JSON.parse(serializeJsonLd(value))).toEqual(value);
  });
});
