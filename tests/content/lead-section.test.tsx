import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReviewSections } from '../../components/review/review-sections';
import { TableOfContents } from '../../components/review/table-of-contents';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { publishChecklist } from '../../lib/content/publish-checklist';
import { reviewContentSchema } from '../../lib/content/review-content';
import { withAnchors } from '../../lib/content/section-anchors';
import { sectionLabel } from '../../lib/content/section-label';
import { importArticle } from '../../lib/import';

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const sample = buildSampleReview(readSampleArticle());
const opening = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'custom' as const,
  heading: '',
  spoiler: false,
  body: paragraph('It opens on a frozen border at night.'),
};

describe('the opening (a first section with no heading)', () => {
  it('is a valid first section, and the review still publishes', () => {
    const review = { ...sample, sections: [opening, ...sample.sections] };
    expect(reviewContentSchema.safeParse(review).success).toBe(true);
    expect(publishChecklist(review)).toEqual([]);
  });

  it('is refused anywhere but first, with the message on that heading', () => {
    const review = { ...sample, sections: [...sample.sections, opening] };
    const result = reviewContentSchema.safeParse(review);
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join('.').endsWith('heading'));
    expect(issue).toMatchObject({
      path: ['sections', sample.sections.length, 'heading'],
      message: 'Give the section a heading.',
    });
  });

  it('is shown to readers with no heading and no Contents entry', () => {
    const sections = withAnchors([opening, ...sample.sections]);
    const html = renderToStaticMarkup(<ReviewSections sections={sections} />);
    expect(html).toContain('It opens on a frozen border at night.');
    expect(html.match(/<h2/g)).toHaveLength(sample.sections.length);
    const contents = renderToStaticMarkup(<TableOfContents sections={sections} />);
    expect(contents.match(/<li>/g)).toHaveLength(sample.sections.length);
    expect(contents).not.toContain('#opening');
    expect(html).toContain('id="opening"');
  });

  it('is named “Opening” on staff screens', () => {
    expect(sectionLabel(opening)).toBe('Opening (no heading)');
    expect(sectionLabel(sample.sections[0]!)).toBe('Plot Summary');
  });

  it('is what the importer makes of text before the first heading, with no invented heading', () => {
    const article = [
      '# A Review',
      '',
      'A short dek.',
      '',
      'The opening paragraph, before any heading, sets the scene at length and at leisure.',
      '',
      '## Plot Summary',
      '',
      'Things happen.',
    ].join('\n');
    const { content, warnings } = importArticle({
      bytes: new TextEncoder().encode(article),
      fileName: 'a.md',
    });
    expect(content.sections.map((s) => s.heading)).toEqual(['', 'Plot Summary']);
    expect(warnings.map((w) => w.what).join(' ')).not.toMatch(/Introduction/);
    expect(reviewContentSchema.safeParse(content).success).toBe(true);
  });
});

describe('section anchors', () => {
  it('are the headings as slugs, unique on the page, the opening “opening”', () => {
    const anchors = withAnchors([
      { heading: '' },
      { heading: 'Plot Summary' },
      { heading: 'Plot summary!' },
      { heading: 'Main' },
      { heading: '★★★' },
    ]).map((s) => s.anchor);
    expect(anchors).toEqual(['opening', 'plot-summary', 'plot-summary-2', 'main-2', 'section']);
  });
});
