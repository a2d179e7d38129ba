import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { auditLog, reviewRevisions, reviews } from '../../db/schema';
import { seedSampleReview } from '../../db/seed/seed';
import { readSampleArticle } from '../../db/seed/sample-review';
import { MAX_ARTICLE_BYTES } from '../../lib/import/types';
import { addSignedInUser } from '../support/staff';

// The import page's two Server Actions, as a signed-in writer posts them. Who may call them
// at all is in tests/security/authorization-matrix.test.ts.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.9' })),
}));
vi.mock('next/navigation', () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`redirect:${url}`), { redirectTo: url });
  }),
  forbidden: vi.fn(() => {
    throw new Error('forbidden');
  }),
}));

const { createImportedDraftAction, previewImportAction } =
  await import('../../app/(admin)/admin/import/actions');

const idle = null;
let writerId: number;

beforeAll(async () => {
  await migrateDatabase(getDb());
  // The sample is published under escape-2024, as on a fresh site.
  await seedSampleReview(getDb());
  const writer = await addSignedInUser('writer', 'writer@import.test');
  writerId = writer.id;
  session.current = { sid: writer.sid };
});

function upload(
  name: string,
  content: string | Uint8Array<ArrayBuffer>,
  format = 'auto',
): FormData {
  const data = new FormData();
  data.set('file', new File([content], name));
  data.set('format', format);
  data.set('text', '');
  return data;
}

describe('previewing an import', () => {
  it('reads pasted text and offers a slug no review uses', async () => {
    const data = new FormData();
    data.set('text', readSampleArticle());
    data.set('format', 'auto');
    const state = await previewImportAction(idle, data);
    expect(state).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Read as plain text: 8 sections, 7 credits, \d+ things/),
    });
    expect(state.preview).toMatchObject({ format: 'text', source: 'pasted text' });
    // The credits read from sentences and the genres reach the preview as guesses to mark.
    expect(state.preview?.guesses.credits.map((guess) => guess.index)).toEqual([0, 4, 5, 6]);
    expect(state.preview?.guesses.genres.map((guess) => guess.index)).toEqual([0, 1]);
    // escape-2024 is the published sample's.
    expect(state.preview?.content.slug).toBe('escape-2024-2');
    // The site's genres are reused as they are spelled.
    expect(state.preview?.content.genres.map((g) => g.slug)).toEqual([
      'thriller',
      'political-drama',
    ]);
  });

  it('reads an uploaded HTML file, safely', async () => {
    const state = await previewImportAction(
      idle,
      upload(
        'old-review.html',
        '<h1>Mother (2009)</h1><p>A dek.</p><h2>Plot</h2><p onclick="x()">Text <script>alert(1)</script><a href="javascript:alert(1)">trap</a>.</p>',
      ),
    );
    expect(state.ok).toBe(true);
    expect(state.preview?.format).toBe('html');
    expect(state.preview?.source).toBe('old-review.html');
    expect(JSON.stringify(state.preview?.content)).not.toMatch(/alert|onclick|javascript/);
  });

  it.each([
    ['nothing', new FormData(), 'text', 'Paste an article or choose a file to import.'],
    ['a Word file', upload('review.docx', 'words'), 'file', 'Choose a .txt, .md or .html file.'],
    [
      'an image named .txt',
      upload('poster.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      'file',
      /PNG image, not text/,
    ],
    ['an empty file', upload('empty.md', ' \n '), 'file', /empty/],
    [
      'a file over 2 MB',
      upload('huge.txt', 'x'.repeat(MAX_ARTICLE_BYTES + 1)),
      'file',
      'The file is larger than 2 MB.',
    ],
    ['an unknown format', upload('a.txt', 'Title\nText', 'docx'), 'format', /format/],
  ])('refuses %s with the reason next to the field', async (_name, data, field, message) => {
    const state = await previewImportAction(idle, data);
    expect(state.ok).toBe(false);
    expect(state.preview).toBeUndefined();
    expect(state.errors?.[field]?.join(' ')).toMatch(message);
  });
});

describe('creating the draft', () => {
  async function preview() {
    const data = new FormData();
    data.set('text', readSampleArticle());
    data.set('format', 'text');
    return (await previewImportAction(idle, data)).preview!;
  }

  function createForm(content: unknown, slugChosen: boolean): FormData {
    const data = new FormData();
    data.set('content', typeof content === 'string' ? content : JSON.stringify(content));
    data.set('source', 'pasted text');
    data.set('format', 'text');
    data.set('warnings', '20');
    data.set('slugChosen', String(slugChosen));
    return data;
  }

  it('creates the corrected draft as the writer’s, never published, and opens the editor', async () => {
    const { content } = await preview();
    const corrected = { ...content, headline: 'Escape (2024): corrected in the preview' };
    const error = await createImportedDraftAction(idle, createForm(corrected, false)).catch(
      (thrown: unknown) => thrown,
    );
    const to = (error as { redirectTo?: string }).redirectTo;
    expect(to).toMatch(/^\/admin\/reviews\/\d+$/);
    const id = Number(to!.split('/').pop());
    const review = (await getDb().select().from(reviews).where(eq(reviews.id, id)))[0]!;
    expect(review).toMatchObject({
      status: 'draft',
      authorId: writerId,
      headline: 'Escape (2024): corrected in the preview',
      slug: 'escape-2024-2',
      publishedRevisionId: null,
    });
    const revisions = await getDb()
      .select()
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, id));
    expect(revisions.map((r) => [r.version, r.kind, r.authorId])).toEqual([
      [1, 'import', writerId],
    ]);
    const stored = JSON.parse(revisions[0]!.content) as typeof content;
    expect(stored.sections.map((s) => s.heading)).toEqual(content.sections.map((s) => s.heading));
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(id)));
    expect(audit).toMatchObject([
      { action: 'review.import', actorId: writerId, ip: '203.0.113.9' },
    ]);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({
      via: 'admin',
      source: 'pasted text',
      format: 'text',
      warnings: 20,
      sections: 8,
    });
  });

  it('takes the next free slug when the editor did not choose one, and refuses a chosen one that is taken', async () => {
    const { content } = await preview();
    const again = await createImportedDraftAction(idle, createForm(content, false)).catch(
      (thrown: unknown) => thrown as { redirectTo: string },
    );
    const id = Number((again as { redirectTo: string }).redirectTo.split('/').pop());
    expect((await getDb().select().from(reviews).where(eq(reviews.id, id)))[0]?.slug).toBe(
      'escape-2024-3',
    );
    const chosen = await createImportedDraftAction(
      idle,
      createForm({ ...content, slug: 'escape-2024' }, true),
    );
    expect(chosen).toMatchObject({
      ok: false,
      errors: { slug: ['Another review already uses this slug.'] },
    });
  });

  it('refuses content the schema refuses, with errors by field, and a broken form', async () => {
    const { content } = await preview();
    const state = await createImportedDraftAction(
      idle,
      createForm(
        { ...content, headline: '<script>x</script>', work: { ...content.work, year: 1700 } },
        false,
      ),
    );
    expect(state.ok).toBe(false);
    expect(Object.keys(state.errors ?? {}).sort()).toEqual(['headline', 'work.year']);
    expect(await createImportedDraftAction(idle, createForm('{not json', false))).toMatchObject({
      ok: false,
      message: 'The preview could not be read: preview the article again.',
    });
  });
});
