import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RichText } from '../../lib/content/rich-text/render';
import { isSafeHref } from '../../lib/content/rich-text/safe-href';
import { validateRichText } from '../../lib/content/rich-text/validate';

const doc = (...content: unknown[]) => ({ type: 'doc', content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: unknown[]) =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const link = (href: string) => ({ type: 'link', attrs: { href } });

describe('isSafeHref', () => {
  it.each([
    'https://example.com/a?b=c',
    'http://example.com',
    'mailto:desk@example.com',
    '/reviews/escape-2024',
    '#plot',
    'page.html',
  ])('allows %s', (href) => expect(isSafeHref(href)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '\\\\evil.example/share',
    'https://',
    '',
  ])('refuses %j', (href) => expect(isSafeHref(href)).toBe(false));
});

describe('validateRichText', () => {
  it('accepts paragraphs, lists, headings, bold, italic and safe links', () => {
    const result = validateRichText(
      doc(
        { type: 'heading', attrs: { level: 3 }, content: [text('A heading')] },
        para(text('bold', [{ type: 'bold' }]), text(' and '), text('italic', [{ type: 'italic' }])),
        { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('item'))] }] },
        para(text('a link', [link('https://example.com')])),
      ),
    );
    expect(result.ok).toBe(true);
  });

  it('refuses unknown nodes, marks and attributes', () => {
    expect(validateRichText(doc({ type: 'script', content: [text('x')] }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"script" is not allowed/),
    });
    expect(validateRichText(doc(para(text('x', [{ type: 'strike' }]))))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"strike" formatting/),
    });
    expect(
      validateRichText(
        doc({ type: 'paragraph', attrs: { onclick: 'alert(1)' }, content: [text('x')] }),
      ),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/attribute "onclick"/),
    });
    expect(
      validateRichText(doc({ type: 'heading', attrs: { level: 1 }, content: [text('x')] })),
    ).toMatchObject({ ok: false });
  });

  it('refuses unsafe links in any spelling', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '  javascript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
    ]) {
      expect(validateRichText(doc(para(text('x', [link(href)]))))).toMatchObject({
        ok: false,
        error: expect.stringMatching(/not allowed/),
      });
    }
  });

  it('accepts images from the media library only, with plain attributes', () => {
    const image = (attrs: Record<string, unknown>) =>
      validateRichText(doc({ type: 'image', attrs }));
    expect(image({ src: '/media/12/1280.webp', alt: 'A still', width: 800, height: 450 }).ok).toBe(
      true,
    );
    expect(image({ src: 'https://evil.example/x.png', alt: 'x' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/media library/),
    });
    expect(image({ src: '/media/12/../../etc/passwd', alt: 'x' })).toMatchObject({ ok: false });
    expect(image({ src: 'data:image/png;base64,AAAA', alt: 'x' })).toMatchObject({ ok: false });
    expect(image({ alt: 'no source' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no source/),
    });
    expect(image({ src: '/media/12/1280.webp', alt: 'x', onerror: 'alert(1)' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/onerror/),
    });
  });

  it('refuses structure the schema does not allow', () => {
    expect(validateRichText(doc({ type: 'listItem', content: [para(text('x'))] }))).toMatchObject({
      ok: false,
    });
    expect(validateRichText(doc(text('bare text in a doc')))).toMatchObject({ ok: false });
    expect(validateRichText({ type: 'paragraph' })).toMatchObject({ ok: false });
    expect(validateRichText('<p>html</p>')).toMatchObject({ ok: false });
  });

  it('refuses 1,000-deep nesting without overflowing the stack', () => {
    let node: unknown = para(text('deep'));
    for (let i = 0; i < 1000; i++) node = { type: 'blockquote', content: [node] };
    expect(validateRichText(doc(node))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/nested too deeply/),
    });
  });

  it('refuses a body over the size limit', () => {
    const huge = doc(para(text('x'.repeat(300 * 1024))));
    expect(validateRichText(huge)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/too long/),
    });
  });
});

describe('RichText', () => {
  it('renders paragraphs, lists, bold, italic and links as HTML', () => {
    const html = renderToStaticMarkup(
      <RichText
        doc={doc(
          para(
            text('Bold', [{ type: 'bold' }]),
            text(' and '),
            text('italic', [{ type: 'italic' }]),
          ),
          {
            type: 'bulletList',
            content: [{ type: 'listItem', content: [para(text('First point'))] }],
          },
          para(text('Read more', [link('https://example.com/more')])),
        )}
      />,
    );
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toMatch(/<ul><li><p>First point<\/p><\/li><\/ul>/);
    expect(html).toMatch(/<a [^>]*href="https:\/\/example.com\/more"[^>]*>Read more<\/a>/);
  });

  it('escapes text and renders nothing of a document that fails validation', () => {
    const escaped = renderToStaticMarkup(
      <RichText doc={doc(para(text('<script>alert(1)</script>')))} />,
    );
    expect(escaped).toContain('&lt;script&gt;');
    expect(escaped).not.toContain('<script>');

    const refused = renderToStaticMarkup(
      <RichText doc={doc(para(text('click', [link('javascript:alert(1)')])))} />,
    );
    expect(refused).not.toContain('javascript:');
    expect(refused).toContain('This section is unavailable.');
  });
});
