import { describe, expect, it } from 'vitest';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { newReviewContent } from '../../lib/content/new-review';
import { publishChecklist } from '../../lib/content/publish-checklist';
import { reviewContentSchema, slugSchema } from '../../lib/content/review-content';
import { slugify } from '../../lib/text/slug';

describe('the publish checklist', () => {
  it('passes the complete sample review', () => {
    expect(publishChecklist(buildSampleReview(readSampleArticle()))).toEqual([]);
  });

  it('lists everything a new, empty review still needs', () => {
    expect(publishChecklist(newReviewContent())).toEqual([
      'Add a headline.',
      'Add the title of the work.',
      'Add the year of the work.',
      'Write at least one section.',
    ]);
  });

  it('asks for alt text on every image', () => {
    const review = buildSampleReview(readSampleArticle());
    const [first, ...rest] = review.sections;
    const withImage = {
      ...first!,
      body: {
        type: 'doc',
        content: [{ type: 'image', attrs: { src: '/media/3/1280.webp', alt: '  ' } }],
      },
    };
    expect(publishChecklist({ ...review, sections: [withImage, ...rest] })).toEqual([
      'Add alt text to the image in “Plot Summary”.',
    ]);
  });
});

describe('slugs', () => {
  it('are generated from the title and year', () => {
    expect(slugify('Escape 2024')).toBe('escape-2024');
    expect(slugify('Amélie (2001)')).toBe('amelie-2001');
    expect(slugify('  Crouching Tiger, Hidden Dragon!  ')).toBe('crouching-tiger-hidden-dragon');
  });

  it('accept lowercase letters, digits and single hyphens only', () => {
    for (const good of ['escape-2024', 'a', '2001-a-space-odyssey'])
      expect(slugSchema.safeParse(good).success).toBe(true);
    for (const bad of [
      'Escape-2024',
      'with space',
      '-leading',
      'trailing-',
      'double--hyphen',
      'émigré',
      '',
      'x'.repeat(121),
    ]) {
      expect(slugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('are required to be valid in the content schema', () => {
    const result = reviewContentSchema.safeParse({ ...newReviewContent(), slug: 'Not A Slug' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'Use lowercase letters, digits and single hyphens only.',
    );
  });
});
