import type { JSONContent } from '@tiptap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeHref } from '../../../lib/content/rich-text/safe-href';
import { richTextSchema } from '../../../lib/content/rich-text/schema';
import { RICH_TEXT_LIMITS, validateRichText } from '../../../lib/content/rich-text/validate';
import {
  DEPTHS,
  fill,
  HOSTILE_UNITS,
  hostileJson,
  hostilePiece,
  hostileString,
  KB,
  MB,
  NAMED_UNITS,
  nested,
  returnsInTime,
  SHAPES,
} from './hostile';

// The rich-text validator (lib/content/rich-text/validate.ts) guards every section body on
// save and again before rendering. Hostile bodies must give { ok: false, error } or a document
// that is itself valid, never an exception, in time.

const NODE_TYPES = Object.keys(richTextSchema.nodes);
const MARK_TYPES = Object.keys(richTextSchema.marks);

function walk(node: JSONContent, visit: (node: JSONContent) => void) {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    visit(current);
    for (const child of current.content ?? []) stack.push(child);
  }
}

function checkBody(label: string, input: unknown, size: number) {
  const result = returnsInTime(label, size, () => validateRichText(input));
  if (!result.ok) {
    expect(typeof result.error).toBe('string');
    expect(result.error.length).toBeGreaterThan(0);
    return result;
  }
  // Stored as normalized, a body must pass again, unchanged (it is checked on every render).
  const again = validateRichText(result.doc);
  expect(again, `${label}: an accepted body is refused when checked again`).toEqual({
    ok: true,
    doc: result.doc,
  });
  walk(result.doc, (node) => {
    for (const mark of node.marks ?? [])
      if (mark.type === 'link') expect(isSafeHref(mark.attrs?.href)).toBe(true);
    if (node.type === 'image') expect(String(node.attrs?.src)).toMatch(/^\/media\/\d+\//);
  });
  return result;
}

/** A value an attribute might be given. */
const attrValue = fc.oneof(
  hostileString(5, 50),
  fc.constantFrom(
    'https://example.com/',
    'javascript:alert(1)',
    '/media/1/640.webp',
    '_blank',
    3,
    4,
    0,
    -1,
    1e9,
    true,
    null,
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Nodes of the schema's types, with hostile text, attributes and marks, nested a few levels. */
const { node: nodeArb } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.record(
    {
      type: fc.oneof(fc.constantFrom(...NODE_TYPES), hostilePiece),
      text: hostileString(5, 100),
      attrs: fc.dictionary(
        fc.constantFrom('level', 'href', 'src', 'alt', 'start', 'type', 'onclick', 'class'),
        attrValue,
        { maxKeys: 3 },
      ),
      marks: fc.array(
        fc.record(
          {
            type: fc.oneof(fc.constantFrom(...MARK_TYPES), hostilePiece),
            attrs: fc.dictionary(
              fc.constantFrom('href', 'target', 'rel', 'class', 'style'),
              attrValue,
              { maxKeys: 2 },
            ),
          },
          { requiredKeys: ['type'] },
        ),
        { maxLength: 3 },
      ),
      content: fc.array(tie('node'), { maxLength: 4 }),
    },
    { requiredKeys: ['type'] },
  ),
}));
const documentArb = fc
  .array(nodeArb, { maxLength: 5 })
  .map((content) => ({ type: 'doc', content }));

/** An address: safe, unsafe or hostile. */
const hrefArb = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    '/reviews/x',
    '#plot',
    'mailto:a@b.c',
    'javascript:alert(1)',
    ' java\tscript:x',
    'data:,x',
  ),
  hostileString(3, 20),
);

/** Documents shaped like the schema (most are valid) with hostile text, links and images. */
const { block: blockArb } = fc.letrec<{ block: unknown; item: unknown }>((tie) => {
  const inline = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record(
        {
          type: fc.constant('text'),
          text: hostileString(5, 50).filter((value) => value.length > 0),
          marks: fc.uniqueArray(
            fc.oneof(
              fc.constant({ type: 'bold' }),
              fc.constant({ type: 'italic' }),
              hrefArb.map((href) => ({ type: 'link', attrs: { href } })),
            ),
            { maxLength: 3, selector: (mark) => mark.type },
          ),
        },
        { requiredKeys: ['type', 'text'] },
      ),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'hardBreak' }) },
  );
  const inlines = fc.array(inline, { maxLength: 4 });
  return {
    block: fc.oneof(
      { weight: 4, arbitrary: inlines.map((content) => ({ type: 'paragraph', content })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(3, 4, 1, 7), inlines)
          .map(([level, content]) => ({ type: 'heading', attrs: { level }, content })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom('bulletList', 'orderedList'),
            fc.array(tie('item'), { minLength: 1, maxLength: 3 }),
          )
          .map(([type, content]) => ({ type, content })),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(tie('block'), { minLength: 1, maxLength: 3 })
          .map((content) => ({ type: 'blockquote', content })),
      },
      { weight: 1, arbitrary: fc.constant({ type: 'horizontalRule' }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.oneof(
              fc.constantFrom('/media/12/640.webp', '/media/3/original'),
              hostileString(3, 20),
            ),
            hostileString(3, 20),
          )
          .map(([src, alt]) => ({ type: 'image', attrs: { src, alt } })),
      },
    ),
    item: fc.tuple(inlines, fc.array(tie('block'), { maxLength: 2 })).map(([first, rest]) => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: first }, ...rest],
    })),
  };
});
const shapedDocumentArb = fc
  .array(blockArb, { minLength: 1, maxLength: 5 })
  .map((content) => ({ type: 'doc', content }));

const text = (value: string) => ({ type: 'text', text: value });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const linked = (href: unknown) =>
  doc(para({ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }));

describe('validateRichText on hostile bodies', () => {
  it('answers any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(hostileJson, fc.anything()), (value) => {
        checkBody('any value', value, JSON.stringify(value)?.length ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  it('answers documents of schema nodes with hostile text, attributes and marks', () => {
    fc.assert(
      fc.property(fc.oneof(documentArb, shapedDocumentArb), (body) => {
        checkBody('generated body', body, JSON.stringify(body).length);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts enough of the shaped documents for the property above to check accepted ones', () => {
    const accepted = fc.sample(shapedDocumentArb, 300).filter((body) => validateRichText(body).ok);
    expect(accepted.length).toBeGreaterThan(30);
  });

  it.each([100 * KB, MB])(
    'answers %d characters of each hostile shape as text and link',
    (size) => {
      for (const [shape, unit] of size === MB ? NAMED_UNITS : HOSTILE_UNITS) {
        const value = fill(unit, size);
        checkBody(`${shape} text`, doc(para(text(value))), size);
        checkBody(`${shape} link`, linked(value), size);
        // Type and attribute names are refused by name before any size matters.
        if (size === MB) continue;
        checkBody(`${shape} type`, doc({ type: value }), size);
        checkBody(
          `${shape} attribute name`,
          doc({ type: 'paragraph', attrs: { [value]: 1 } }),
          size,
        );
      }
    },
  );

  it.each(DEPTHS)('refuses bodies nested %d deep', (depth) => {
    for (const shape of SHAPES) {
      expect(checkBody(`${shape} body`, nested(depth, shape), depth).ok).toBe(false);
      expect(checkBody(`${shape} content`, doc(nested(depth, shape)), depth).ok).toBe(false);
      expect(
        checkBody(
          `${shape} attrs`,
          doc({ type: 'paragraph', attrs: { x: nested(depth, shape) } }),
          depth,
        ).ok,
      ).toBe(false);
      expect(
        checkBody(
          `${shape} marks`,
          doc(para({ type: 'text', text: 'x', marks: [nested(depth, shape)] })),
          depth,
        ).ok,
      ).toBe(false);
    }
  });

  it('refuses 100,000 paragraphs, a 1 MB text and a cyclic body quickly', () => {
    const wide = doc(...Array.from({ length: 100_000 }, () => para(text('x'))));
    expect(checkBody('100,000 paragraphs', wide, 100_000).ok).toBe(false);
    expect(checkBody('1 MB of text', doc(para(text('x'.repeat(MB)))), MB).ok).toBe(false);
    const cyclic: Record<string, unknown> = { type: 'doc' };
    cyclic.content = [cyclic];
    expect(checkBody('cyclic', cyclic, 1).ok).toBe(false);
    const marks = doc(
      para({ type: 'text', text: 'x', marks: Array(100_000).fill({ type: 'bold' }) }),
    );
    expect(checkBody('100,000 marks', marks, 100_000).ok).toBe(false);
  });

  it('accepts a body at its limits and nothing over them', () => {
    let deepest: unknown = para(text('x'));
    // doc → blockquotes → paragraph → text: maxDepth levels in all.
    for (let depth = 4; depth <= RICH_TEXT_LIMITS.maxDepth; depth++)
      deepest = { type: 'blockquote', content: [deepest] };
    expect(checkBody('at the depth limit', doc(deepest), 100).ok).toBe(true);
    expect(
      checkBody('over the depth limit', doc({ type: 'blockquote', content: [deepest] }), 100).ok,
    ).toBe(false);
  });
});

describe('validateRichText regressions', () => {
  it('refuses a heading without a level (accepted, it was stored as level 1 and refused again)', () => {
    for (const heading of [
      { type: 'heading' },
      { type: 'heading', content: [] },
      { type: 'heading', attrs: {} },
    ]) {
      const result = checkBody('heading without a level', doc(heading), 40);
      expect(result).toEqual({ ok: false, error: 'Headings inside a section are level 3 or 4.' });
    }
    expect(checkBody('level 3', doc({ type: 'heading', attrs: { level: 3 } }), 40).ok).toBe(true);
  });

  it('refuses a body whose stored form is over the limit (257 KB of links was stored as 480 KB)', () => {
    const links = Array.from({ length: 2900 }, (_, i) => ({
      type: 'text',
      text: 'x',
      marks: [{ type: 'link', attrs: { href: `https://a.b/${i}` } }],
    }));
    const body = doc({ type: 'paragraph', content: links });
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(RICH_TEXT_LIMITS.maxBytes);
    expect(checkBody('2,900 links', body, 257 * KB)).toEqual({
      ok: false,
      error: 'The text is too long for one section.',
    });
  });
});

describe('isSafeHref on hostile addresses', () => {
  it('answers any value with a boolean', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(), fc.anything(), fc.webUrl()), (href) => {
        const safe = returnsInTime('isSafeHref', typeof href === 'string' ? href.length : 0, () =>
          isSafeHref(href),
        );
        expect(typeof safe).toBe('boolean');
        if (safe) {
          expect(href).not.toMatch(/[\s\u0000-\u001f\\]/);
          expect(
            String(href)
              .toLowerCase()
              .replace(/[^a-z:]/g, ''),
          ).not.toMatch(/^(?:javascript|data|vbscript):/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses script addresses however they are disguised', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\u0000script:alert(1)',
      '\u200bjavascript:alert(1)',
      'javascript\u2028:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '\\\\evil.example/x',
      `https://${'a'.repeat(MB)}`,
      'https://\ud800.example/',
    ])
      expect(returnsInTime(href.slice(0, 20), href.length, () => isSafeHref(href))).toBe(false);
  });
});
