import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RevisionDiffView } from '../../app/(admin)/admin/reviews/[id]/history/_components/revision-diff-view';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { diffReviewContent } from '../../lib/content/revision-diff';

const sample = buildSampleReview(readSampleArticle());

describe('RevisionDiffView', () => {
  it('marks words with ins and del, each announced to screen readers', () => {
    const after = structuredClone(sample);
    after.sections[0]!.body = JSON.parse(
      JSON.stringify(after.sections[0]!.body).replace('Set in North Korea', 'Set in South Korea'),
    ) as (typeof after.sections)[0]['body'];
    const html = renderToStaticMarkup(<RevisionDiffView diff={diffReviewContent(sample, after)} />);
    expect(html).toContain(
      '<del><span class="visually-hidden">[deleted: </span>North<span class="visually-hidden">]</span></del>',
    );
    expect(html).toContain(
      '<ins><span class="visually-hidden">[inserted: </span>South<span class="visually-hidden">]</span></ins>',
    );
    // The unchanged paragraphs of the section are summarized, the other sections counted.
    expect(html).toMatch(/… \d+ unchanged blocks?/);
    expect(html).toContain(`${sample.sections.length - 1} other sections are unchanged.`);
  });

  it('escapes text from the revisions', () => {
    const after = { ...structuredClone(sample), headline: 'A <script>alert(1)</script> headline' };
    const html = renderToStaticMarkup(<RevisionDiffView diff={diffReviewContent(sample, after)} />);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('says so when there is nothing to show', () => {
    expect(
      renderToStaticMarkup(<RevisionDiffView diff={diffReviewContent(sample, sample)} />),
    ).toContain('These two versions have the same content.');
  });
});
