import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import {
  deleteMedia,
  findMediaUses,
  getMediaDetail,
  getMediaUses,
  lastRevisionId,
  updateMediaAlt,
} from '../../db/media/manage';
import { migrateDatabase } from '../../db/migrate';
import { archive, publishNow } from '../../db/reviews/workflow';
import { appendRevision, insertReview } from '../../db/reviews/write';
import { auditLog, media, reviews } from '../../db/schema';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { updateUserSecurity } from '../../db/users/records';
import { CLIENT_IP_HEADER } from '../../lib/auth/client-ip';
import type { ReviewContent } from '../../lib/content/review-content';
import { ALT_MARKUP, ALT_REQUIRED } from '../../lib/media/alt-text';
import { VARIANT_WIDTHS } from '../../lib/media/constants';
import { MediaInUseError } from '../../lib/media/errors';
import { addSignedInUser } from '../support/staff';
import { addLibraryImage } from '../support/library-image';

// The media library's own image page: where an image is used, its alt text, and deleting it.
// Called as the data layer is called by pages and Server Actions, with the identity mocks of
// tests/media/media.test.ts, so every permission check runs unchanged.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ [CLIENT_IP_HEADER]: '203.0.113.9' })),
}));
vi.mock('next/navigation', () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`redirect:${url}`), { redirectTo: url });
  }),
  forbidden: vi.fn(() => {
    throw new Error('forbidden');
  }),
}));

const uploadsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-manage-'));
process.env.UPLOADS_DIR = uploadsRoot;

type Caller = 'anonymous' | 'writer' | 'otherWriter' | 'editor' | 'deactivated';
const sessions = new Map<Caller, string>();
const ids = new Map<Caller, number>();
const as = (caller: Caller) => {
  const sid = sessions.get(caller);
  session.current = sid ? { sid } : null;
};

beforeAll(async () => {
  await migrateDatabase(getDb());
  for (const [caller, role] of [
    ['writer', 'writer'],
    ['otherWriter', 'writer'],
    ['editor', 'editor'],
    ['deactivated', 'editor'],
  ] as const) {
    const { id, sid } = await addSignedInUser(role, `${caller.toLowerCase()}@manage.test`);
    ids.set(caller, id);
    sessions.set(caller, sid);
  }
  await getDb().transaction(
    async (tx) =>
      await updateUserSecurity(tx, ids.get('deactivated')!, { active: false }, new Date()),
    { behavior: 'immediate' },
  );
});

beforeEach(() => {
  session.current = null;
});

afterAll(() => {
  fs.rmSync(uploadsRoot, { recursive: true, force: true });
  delete process.env.UPLOADS_DIR;
});

/** A library image uploaded by `uploader`, with its files on disk (under its own `id`, if given). */
async function addImage(
  uploader: Caller = 'editor',
  name = 'still.png',
  id?: number,
): Promise<number> {
  return addLibraryImage(uploadsRoot, {
    id,
    originalName: name,
    alt: 'A still from the film',
    uploadedBy: ids.get(uploader) ?? null,
  });
}

const folderOf = async (id: number) =>
  path.join(
    uploadsRoot,
    (await getDb().select({ key: media.storageKey }).from(media).where(eq(media.id, id)))[0]!.key,
  );

const imageNode = (id: number) => ({
  type: 'image',
  attrs: { src: `/media/${id}/1280.webp`, alt: 'A still', title: null },
});

let slugs = 0;
/** The sample review with `poster` and `inText` images (appended to its first section). */
function content(
  {
    poster = null,
    inText = [],
    quoting = [],
  }: {
    poster?: number | null;
    inText?: number[];
    /** Ids whose address is only written out as text in a paragraph. */
    quoting?: number[];
  } = {},
  headline = 'A review',
): ReviewContent {
  const sample = buildSampleReview(readSampleArticle());
  const sections = sample.sections.map((section, index) =>
    index === 0
      ? {
          ...section,
          body: {
            ...section.body,
            content: [
              ...(section.body.content ?? []),
              ...inText.map(imageNode),
              ...quoting.map((id) => ({
                type: 'paragraph',
                content: [{ type: 'text', text: `See "/media/${id}/original" for the still.` }],
              })),
            ],
          },
        }
      : section,
  );
  return { ...sample, headline, slug: `uses-${++slugs}`, posterMediaId: poster, sections };
}

async function draft(value: ReviewContent, author: Caller = 'editor'): Promise<number> {
  return await getDb().transaction(
    async (tx) =>
      (
        await insertReview(tx, {
          content: value,
          authorId: ids.get(author)!,
          kind: 'create',
          now: new Date(),
        })
      ).reviewId,
    { behavior: 'immediate' },
  );
}

/** Saves `value` as review `id`'s newest revision, keeping its slug. */
async function revise(id: number, value: ReviewContent): Promise<void> {
  await getDb().transaction(
    async (tx) => {
      const review = (await tx.select().from(reviews).where(eq(reviews.id, id)))[0]!;
      await appendRevision(
        tx,
        { id, version: review.version },
        {
          content: { ...value, slug: review.slug },
          kind: 'save',
          authorId: review.authorId,
          baseVersion: review.version,
          now: new Date(),
        },
      );
    },
    { behavior: 'immediate' },
  );
}

async function publish(id: number) {
  as('editor');
  await publishNow(id);
}

const uses = async (mediaId: number) =>
  (await findMediaUses(getDb(), mediaId)).map(
    ({ reviewId, label, status, workingCopy, published }) => ({
      reviewId,
      label,
      status,
      workingCopy,
      published,
    }),
  );

const deleteAudits = async () =>
  await getDb().select().from(auditLog).where(eq(auditLog.action, 'media.delete'));

describe('where an image is used', () => {
  it('is nowhere for an image no review names', async () => {
    const id = await addImage();
    await draft(content({ poster: await addImage(), inText: [await addImage()] }));
    expect(await uses(id)).toEqual([]);
  });

  it('finds the poster and the text images of a draft’s working copy', async () => {
    const poster = await addImage();
    const inText = await addImage();
    const both = await addImage();
    const review = await draft(content({ poster, inText: [inText, both] }, 'Escape, the draft'));
    await revise(review, content({ poster: both, inText: [inText, both] }, 'Escape, the draft'));
    // The poster of version 1 is no longer the poster: only the head revision counts.
    expect(await uses(poster)).toEqual([]);
    expect(await uses(inText)).toEqual([
      {
        reviewId: review,
        label: 'Escape, the draft',
        status: 'draft',
        workingCopy: ['text'],
        published: [],
      },
    ]);
    expect((await uses(both))[0]).toMatchObject({ workingCopy: ['poster', 'text'], published: [] });
  });

  it('is exact: a longer id, a shorter one and an address quoted as text are not uses', async () => {
    // 7000 is how 70001's address and poster field begin.
    const short = await addImage('editor', 'short.png', 7000);
    const long = await addImage('editor', 'long.png', 70001);
    const review = await draft(content({ poster: long, inText: [long], quoting: [short] }));
    expect(await uses(short)).toEqual([]);
    expect(await uses(long)).toEqual([expect.objectContaining({ reviewId: review })]);
  });

  it('finds what only the published version still shows, and what both show', async () => {
    const image = await addImage();
    const review = await draft(content({ inText: [image] }, 'Published once'));
    await publish(review);
    expect((await uses(image))[0]).toMatchObject({
      status: 'published',
      workingCopy: ['text'],
      published: ['text'],
    });
    // The working copy drops it; readers still see it until the next publish.
    await revise(review, content({}, 'Published once'));
    expect(await uses(image)).toEqual([
      {
        reviewId: review,
        label: 'Published once',
        status: 'published',
        workingCopy: [],
        published: ['text'],
      },
    ]);
    await publish(review);
    expect(await uses(image)).toEqual([]);

    const poster = await addImage();
    const withPoster = await draft(content({ poster, inText: [poster] }));
    await publish(withPoster);
    expect((await uses(poster))[0]).toMatchObject({
      workingCopy: ['poster', 'text'],
      published: ['poster', 'text'],
    });
  });

  it('counts archived reviews, newest change first, and labels a review by slug without a headline', async () => {
    const image = await addImage();
    const archived = await draft(content({ poster: image }, 'Archived one'));
    as('editor');
    await archive(archived);
    const untitled = await draft(content({ inText: [image] }, ''));
    const found = await uses(image);
    expect(found.map((use) => use.reviewId)).toEqual([untitled, archived]);
    expect(found[0]!.label).toMatch(/^uses-\d+$/);
    expect(found[1]).toMatchObject({ status: 'archived', label: 'Archived one' });
  });

  // How SQLite plans these reads (EXPLAIN QUERY PLAN): tests/media/manage.sqlite.test.ts.
  it('after a revision, finds only the heads written since', async () => {
    const image = await addImage();
    const before = await draft(content({ poster: image }, 'Before the look'));
    const after = await lastRevisionId(getDb());
    expect(await findMediaUses(getDb(), image, { afterRevisionId: after })).toEqual([]);
    const since = await draft(content({ inText: [image] }, 'Since the look'));
    expect(
      (await findMediaUses(getDb(), image, { afterRevisionId: after })).map((use) => use.reviewId),
    ).toEqual([since]);
    // A review revised since its old head used it: its new head is what counts.
    await revise(before, content({}, 'Before the look'));
    expect(
      (await findMediaUses(getDb(), image, { afterRevisionId: after })).map((use) => use.reviewId),
    ).toEqual([since]);
  });
});

describe('getMediaDetail and getMediaUses', () => {
  it.each(['anonymous', 'deactivated'] as const)('refuse %s', async (caller) => {
    as(caller);
    await expect(getMediaDetail(await addImage())).rejects.toThrow('Sign in to continue.');
    await expect(getMediaUses(await addImage())).rejects.toThrow('Sign in to continue.');
  });

  it('give the facts, whether it is public and the uses, or null for no such image', async () => {
    const image = await addImage('writer', 'poster.png');
    as('editor');
    expect(await getMediaDetail(image)).toEqual({
      id: image,
      originalName: 'poster.png',
      mimeType: 'image/png',
      width: 800,
      height: 450,
      bytes: 12_345,
      variants: [...VARIANT_WIDTHS],
      alt: 'A still from the film',
      createdAt: expect.any(Date),
      uploadedBy: { id: ids.get('writer'), name: 'writer' },
      isPublic: false,
      permissions: { edit: true, delete: true },
    });
    expect(await getMediaUses(image)).toEqual({ uses: [], hidden: 0 });
    const review = await draft(content({ poster: image }, 'Poster review'));
    await publish(review);
    expect(await getMediaDetail(image)).toMatchObject({ isPublic: true });
    expect(await getMediaUses(image)).toMatchObject({
      uses: [{ reviewId: review, status: 'published', label: 'Poster review' }],
      hidden: 0,
    });
    expect(await getMediaDetail(999_999)).toBeNull();
    expect(await getMediaUses(999_999)).toBeNull();
  });

  it('show a writer only the reviews they may open, and the rest as a count', async () => {
    const image = await addImage('writer');
    const own = await draft(content({ inText: [image] }, 'My draft'), 'writer');
    await draft(content({ poster: image }, 'A colleague’s secret draft'), 'otherWriter');
    as('writer');
    const used = (await getMediaUses(image))!;
    expect(used).toEqual({
      uses: [expect.objectContaining({ reviewId: own, label: 'My draft' })],
      hidden: 1,
    });
    expect(JSON.stringify(used)).not.toContain('secret');
    // Their own upload: theirs to edit and delete. A colleague's: not.
    expect((await getMediaDetail(image))!.permissions).toEqual({ edit: true, delete: true });
    expect((await getMediaDetail(await addImage('otherWriter')))!.permissions).toEqual({
      edit: false,
      delete: false,
    });
  });
});

describe('deleteMedia', () => {
  it.each(['anonymous', 'deactivated'] as const)(
    'refuses %s: the row and the files stay',
    async (caller) => {
      const image = await addImage();
      as(caller);
      await expect(deleteMedia(image)).rejects.toThrow('Sign in to continue.');
      expect(fs.existsSync(await folderOf(image))).toBe(true);
    },
  );

  it('is refused while a draft’s working copy uses the image, naming the review', async () => {
    const image = await addImage();
    const review = await draft(content({ poster: image }, 'Escape (2024)'));
    as('editor');
    const before = (await deleteAudits()).length;
    const refused = deleteMedia(image);
    await expect(refused).rejects.toBeInstanceOf(MediaInUseError);
    await expect(refused).rejects.toThrow(
      'This image is used by “Escape (2024)” (Draft). Remove it from that review first, then delete it.',
    );
    await expect(refused).rejects.toMatchObject({
      visible: { uses: [{ reviewId: review, workingCopy: ['poster'] }], hidden: 0 },
    });
    expect(fs.readdirSync(await folderOf(image))).toHaveLength(1 + VARIANT_WIDTHS.length);
    expect(await deleteAudits()).toHaveLength(before);

    // Once the working copy no longer uses it, it can go.
    await revise(review, content({}, 'Escape (2024)'));
    const folder = await folderOf(image);
    await expect(deleteMedia(image)).resolves.toEqual({
      originalName: 'still.png',
      filesRemoved: true,
    });
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('is refused while a published version shows it, even after the working copy dropped it', async () => {
    const image = await addImage();
    const review = await draft(content({ inText: [image] }, 'Live review'));
    await publish(review);
    await revise(review, content({}, 'Live review'));
    as('editor');
    await expect(deleteMedia(image)).rejects.toMatchObject({
      message: expect.stringContaining('“Live review” (Published)'),
      visible: { uses: [{ reviewId: review, workingCopy: [], published: ['text'] }] },
    });
    await publish(review);
    as('editor');
    await expect(deleteMedia(image)).resolves.toMatchObject({ filesRemoved: true });
  });

  it('sees a save that starts using the image while the working copies are being read', async () => {
    const image = await addImage();
    const db = getDb();
    const transaction = db.transaction.bind(db);
    let injected: number | undefined;
    // Right after deleteMedia's first (read) transaction, before its write: a save lands.
    const spy = vi.spyOn(db, 'transaction').mockImplementation((async (
      ...args: Parameters<typeof transaction>
    ) => {
      const result = await transaction(...args);
      if (injected === undefined) {
        injected = 0;
        injected = await draft(content({ inText: [image] }, 'Saved meanwhile'));
      }
      return result;
    }) as typeof db.transaction);
    as('editor');
    try {
      await expect(deleteMedia(image)).rejects.toMatchObject({
        message: expect.stringContaining('“Saved meanwhile” (Draft)'),
      });
    } finally {
      spy.mockRestore();
    }
    expect(injected).toBeGreaterThan(0);
    expect((await db.select().from(media).where(eq(media.id, image)))[0]).toBeDefined();
  });

  it('deletes an unused image: the row, its files and an audit entry', async () => {
    const image = await addImage('editor', 'unused.png');
    const folder = await folderOf(image);
    as('editor');
    await expect(deleteMedia(image)).resolves.toEqual({
      originalName: 'unused.png',
      filesRemoved: true,
    });
    expect((await getDb().select().from(media).where(eq(media.id, image)))[0]).toBeUndefined();
    expect(fs.existsSync(folder)).toBe(false);
    expect((await deleteAudits()).at(-1)).toMatchObject({
      actorId: ids.get('editor'),
      targetType: 'media',
      targetId: String(image),
      targetLabel: 'unused.png',
      ip: '203.0.113.9',
    });
    expect(JSON.parse((await deleteAudits()).at(-1)!.details!)).toMatchObject({
      mimeType: 'image/png',
      uploadedBy: ids.get('editor'),
    });
    // The file route no longer finds it, for staff either.
    const { GET } = await import('../../app/media/[id]/[file]/route');
    const response = await GET(new Request(`http://localhost/media/${image}/640.webp`), {
      params: Promise.resolve({ id: String(image), file: '640.webp' }),
    });
    expect(response.status).toBe(404);
    // Twice: the second finds nothing.
    await expect(deleteMedia(image)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('tolerates files that are already gone', async () => {
    const image = await addImage();
    fs.rmSync(await folderOf(image), { recursive: true });
    as('editor');
    await expect(deleteMedia(image)).resolves.toMatchObject({ filesRemoved: true });
    expect((await getDb().select().from(media).where(eq(media.id, image)))[0]).toBeUndefined();
  });

  it('lets a writer delete their own uploads only', async () => {
    const own = await addImage('writer');
    const colleagues = await addImage('otherWriter');
    as('writer');
    await expect(deleteMedia(colleagues)).rejects.toMatchObject({ code: 'forbidden' });
    expect(fs.existsSync(await folderOf(colleagues))).toBe(true);
    await expect(deleteMedia(own)).resolves.toMatchObject({ filesRemoved: true });
  });

  it('tells a writer about reviews they cannot open without naming them', async () => {
    const own = await addImage('writer');
    await draft(content({ poster: own }, 'Hidden headline'), 'otherWriter');
    as('writer');
    const refused = deleteMedia(own);
    await expect(refused).rejects.toThrow(
      'This image is used by a review you cannot open (an editor can remove it there). Remove it from that review first, then delete it.',
    );
    await expect(refused).rejects.toMatchObject({ visible: { uses: [], hidden: 1 } });
  });
});

describe('updateMediaAlt', () => {
  it('stores the alt text trimmed and on one line', async () => {
    const image = await addImage();
    as('editor');
    await expect(updateMediaAlt(image, '  A detective\n in the rain  ')).resolves.toEqual({
      alt: 'A detective in the rain',
    });
    expect((await getDb().select().from(media).where(eq(media.id, image)))[0]!.alt).toBe(
      'A detective in the rain',
    );
  });

  it.each([
    ['', ALT_REQUIRED],
    ['   ', ALT_REQUIRED],
    ['x'.repeat(342), 'Use at most 300 characters; this is 342.'],
    ['<b>Bold</b> claim', ALT_MARKUP],
  ])('refuses %j on the alt field', async (alt, message) => {
    const image = await addImage();
    as('editor');
    const refused = updateMediaAlt(image, alt);
    await expect(refused).rejects.toMatchObject({ code: 'invalid' });
    await expect(refused).rejects.toMatchObject({ field: 'alt', message });
    expect((await getDb().select().from(media).where(eq(media.id, image)))[0]!.alt).toBe(
      'A still from the film',
    );
  });

  it('lets a writer change their own uploads only', async () => {
    as('writer');
    await expect(updateMediaAlt(await addImage('writer'), 'Mine')).resolves.toEqual({
      alt: 'Mine',
    });
    await expect(updateMediaAlt(await addImage('otherWriter'), 'Not mine')).rejects.toThrow(
      'You do not have permission to do that.',
    );
    await expect(updateMediaAlt(999_999, 'Nothing')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the Server Actions', () => {
  const idle = null;
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };

  it('return alt-text errors on the field, with what was typed', async () => {
    const { updateMediaAltAction } = await import('../../app/(admin)/admin/media/actions');
    const image = await addImage();
    as('editor');
    const typed = `A very long description ${'x'.repeat(318)}`;
    expect(await updateMediaAltAction(idle, form({ id: String(image), alt: typed }))).toEqual({
      ok: false,
      message: 'Please correct the alt text.',
      errors: { alt: ['Use at most 300 characters; this is 342.'] },
      values: { alt: typed },
    });
    expect(
      await updateMediaAltAction(idle, form({ id: String(image), alt: ' A new one ' })),
    ).toEqual({ ok: true, message: 'Alt text saved.', alt: 'A new one' });
  });

  it('check who is asking before reading the form', async () => {
    const { deleteMediaAction, updateMediaAltAction } =
      await import('../../app/(admin)/admin/media/actions');
    const data = form({ id: 'not a number', alt: '<script>' });
    const get = vi.spyOn(data, 'get');
    for (const action of [updateMediaAltAction, deleteMediaAction]) {
      expect(await action(idle, data)).toMatchObject({
        ok: false,
        message: 'Sign in to continue.',
      });
    }
    expect(get).not.toHaveBeenCalled();
  });

  it('answer ids that are not ids, and a missing one, with a message', async () => {
    const { deleteMediaAction, updateMediaAltAction } =
      await import('../../app/(admin)/admin/media/actions');
    as('editor');
    for (const id of ['abc', '-1', '0', '1.5', '1e3', ' 1', '9'.repeat(40), 'x'.repeat(200_000)]) {
      expect(await deleteMediaAction(idle, form({ id }))).toMatchObject({
        ok: false,
        message: 'That image does not exist.',
      });
      expect(await updateMediaAltAction(idle, form({ id, alt: 'Fine' }))).toMatchObject({
        ok: false,
        message: 'That image does not exist.',
      });
    }
    expect(await deleteMediaAction(idle, new FormData())).toMatchObject({
      message: 'That image does not exist.',
    });
    const withFile = new FormData();
    withFile.set('id', new File(['1'], 'id.txt'));
    expect(await deleteMediaAction(idle, withFile)).toMatchObject({
      message: 'That image does not exist.',
    });
    // An id that could be one but names nothing.
    expect(await deleteMediaAction(idle, form({ id: '999999' }))).toMatchObject({
      message: 'This image no longer exists.',
    });
  });

  it('delete: a refusal carries the uses to link to; a success goes back to the library', async () => {
    const { deleteMediaAction } = await import('../../app/(admin)/admin/media/actions');
    const image = await addImage();
    const review = await draft(content({ poster: image }, 'Linked review'));
    as('editor');
    const refused = await deleteMediaAction(idle, form({ id: String(image) }));
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringContaining('“Linked review” (Draft)'),
      uses: [{ reviewId: review, label: 'Linked review', status: 'draft' }],
      hidden: 0,
    });
    await revise(review, content({}, 'Linked review'));
    await expect(deleteMediaAction(idle, form({ id: String(image) }))).rejects.toMatchObject({
      redirectTo: '/admin/media?deleted=1',
    });
  });
});
