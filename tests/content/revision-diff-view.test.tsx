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

  it('shows a numbered list with its numbers, from its start, and bullets as decoration', () => {
    const item = (words: string) => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: words }] }],
    });
    const before = structuredClone(sample);
    const after = structuredClone(sample);
    after.sections[0]!.body = {
      type: 'doc',
      content: [
        { type: 'orderedList', attrs: { start: 4 }, content: [item('Fourth'), item('Fifth')] },
        { type: 'bulletList', content: [item('A point')] },
      ],
    };
    const html = renderToStaticMarkup(<RevisionDiffView diff={diffReviewContent(before, after)} />);
    expect(html).toContain(
      '<span class="diff-tag">New numbered list item: </span><span class="diff-marker">4. </span>',
    );
    expect(html).toContain('<span class="diff-marker">5. </span>');
    expect(html).toContain(
      '<span class="diff-tag">New bulleted list item: </span><span aria-hidden="true">• </span>',
    );
  });

  it('names the poster by its alt text', () => {
    const after = { ...structuredClone(sample), posterMediaId: 12 };
    const media = new Map([[12, { alt: 'Two soldiers at the border', originalName: 'a.jpg' }]]);
    const html = renderToStaticMarkup(
      <RevisionDiffView diff={diffReviewContent(sample, after, { media })} />,
    );
    expect(html).toContain('<dt>Poster</dt>');
    expect(html).toContain('Two soldiers at the border');
    expect(html).not.toContain('Image 12');
  });

  it('says so when there is nothing to show', () => {
    expect(
      renderToStaticMarkup(<RevisionDiffView diff={diffReviewContent(sample, sample)} />),
    ).toContain('These two versions have the same content.');
  });
});
