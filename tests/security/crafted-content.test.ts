import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { reviewRevisions, reviews } from '../../db/schema';
import { newReviewContent } from '../../lib/content/new-review';
import { addSignedInUser } from '../support/staff';

// Crafted content posted straight to the save action, as an admin (so only validation stands
// in the way): each is refused with a clear message and nothing is stored.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));

beforeAll(async () => {
  await migrateDatabase(getDb());
  session.current = { sid: (await addSignedInUser('admin', 'crafty@example.com')).sid };
});

const stored = async () => ({
  reviews: (await getDb().select({ n: count() }).from(reviews))[0]!.n,
  revisions: (await getDb().select({ n: count() }).from(reviewRevisions))[0]!.n,
});

const doc = (...content: unknown[]) => ({ type: 'doc', content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const linked = (href: string) =>
  doc(para({ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href } }] }));

function withBody(body: unknown) {
  const content = newReviewContent();
  return { ...content, sections: [{ ...content.sections[0]!, body }] };
}

let deep: unknown = para({ type: 'text', text: 'deep' });
for (let i = 0; i < 1000; i++) deep = { type: 'blockquote', content: [deep] };

const CASES: Array<[string, unknown, RegExp]> = [
  [
    '<script> in the headline',
    { ...newReviewContent(), headline: '<script>alert(1)</script>' },
    /plain text/,
  ],
  [
    'an <img onerror> in a section heading',
    (() => {
      const content = newReviewContent();
      return {
        ...content,
        sections: [{ ...content.sections[0]!, heading: '<img src=x onerror=alert(1)>' }],
      };
    })(),
    /plain text/,
  ],
  [
    '<script> in a person’s name',
    {
      ...newReviewContent(),
      credits: [{ name: '<script>x</script>', slug: 'x', role: 'director', character: null }],
    },
    /plain text/,
  ],
  ['a javascript: link', withBody(linked('javascript:alert(1)')), /not allowed/],
  ['a JaVaScRiPt: link', withBody(linked('JaVaScRiPt:alert(1)')), /not allowed/],
  ['a link with leading spaces', withBody(linked('   javascript:alert(1)')), /not allowed/],
  ['a link with a tab inside the scheme', withBody(linked('java\tscript:alert(1)')), /not allowed/],
  ['a data: link', withBody(linked('data:text/html,<script>alert(1)</script>')), /not allowed/],
  ['a vbscript: link', withBody(linked('vbscript:msgbox(1)')), /not allowed/],
  [
    'an onerror attribute',
    withBody(doc({ type: 'paragraph', attrs: { onerror: 'alert(1)' }, content: [] })),
    /attribute "onerror"/,
  ],
  [
    'a style attribute',
    withBody(doc({ type: 'paragraph', attrs: { style: 'background:url(x)' } })),
    /attribute "style"/,
  ],
  [
    'an unknown node type',
    withBody(doc({ type: 'iframe', attrs: { src: 'https://evil.example' } })),
    /"iframe" is not allowed/,
  ],
  ['1,000-deep nesting', withBody(doc(deep)), /nested too deeply/],
  [
    'a 2 MB body',
    withBody(doc(para({ type: 'text', text: 'x'.repeat(2 * 1024 * 1024) }))),
    /too long/,
  ],
];

describe('the save action refuses crafted content', () => {
  it.each(CASES)('%s', async (_name, content, message) => {
    const { createReviewAction } = await import('../../app/(admin)/admin/reviews/actions');
    const before = await stored();
    const result = await createReviewAction({ content });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/not saved/);
      expect(
        Object.values(result.errors ?? {})
          .flat()
          .join(' '),
      ).toMatch(message);
    }
    expect(await stored()).toEqual(before);
  });

  it('accepts the same review without the crafted parts', async () => {
    const { createReviewAction } = await import('../../app/(admin)/admin/reviews/actions');
    const result = await createReviewAction({ content: newReviewContent() });
    expect(result).toMatchObject({ ok: true, version: 1 });
  });
});
