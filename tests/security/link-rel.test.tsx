import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RichText } from '../../lib/content/rich-text/render';

// A link's rel is decided by the renderer from its href; whatever rel the stored document
// carries ("" or "opener") never reaches a reader's page.

const linked = (href: string, attrs: Record<string, unknown>) => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'go', marks: [{ type: 'link', attrs: { href, ...attrs } }] }],
    },
  ],
});

describe('links as readers get them', () => {
  it.each([
    ['an empty rel', { rel: '' }],
    ['rel="opener"', { rel: 'opener' }],
    ['no rel', {}],
    ['a new tab with an empty rel', { rel: '', target: '_blank' }],
  ])('an external link with %s is noopener noreferrer nofollow', (_name, attrs) => {
    const html = renderToStaticMarkup(
      <RichText doc={linked('https://elsewhere.example/', attrs)} />,
    );
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).not.toContain('rel=""');
    expect(html).not.toContain('rel="opener"');
  });

  it('a link to the site’s own page keeps noopener only', () => {
    const html = renderToStaticMarkup(
      <RichText doc={linked('/reviews/escape-2024', { rel: '' })} />,
    );
    expect(html).toContain('rel="noopener"');
  });
});
