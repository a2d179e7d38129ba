import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { getMediaFile } from '../../db/media/media';
import { migrateDatabase } from '../../db/migrate';
import { archive, deleteReview, publishNow, unpublish } from '../../db/reviews/workflow';
import { appendRevision, insertReview } from '../../db/reviews/write';
import { publishedMedia, reviews } from '../../db/schema';
import { updateUserSecurity } from '../../db/users/records';
import type { ReviewContent } from '../../lib/content/review-content';
import { mediaIdFromSrc, mediaIdsInReview, mediaIdsInRichText } from '../../lib/media/references';
import { addSignedInUser } from '../support/staff';
import { createTestDatabase } from '../support/temp-db';
import { query } from '../support/raw-sql';
import { addLibraryImage } from '../support/library-image';
import { content, image, publishExamples, writeWorkingExamples } from './media-use-examples';

// Which uploaded images anyone may fetch. Media ids are sequential, so every file used to be
// one guess away, used or not. Now /media/<id>/<file> is served to anyone only while a
// published review shows the image (its poster, or an image in a section), with the year-long
// immutable caching; to signed-in staff always, uncached; and to anyone else it is a 404, the
// same answer as an id that does not exist.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));
vi.mock('next/navigation', () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`redirect:${url}`), { redirectTo: url });
  }),
  forbidden: vi.fn(() => {
    throw new Error('forbidden');
  }),
}));

const uploadsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cms-visibility-'));
process.env.UPLOADS_DIR = uploadsRoot;

type Caller = 'anonymous' | 'writer' | 'editor' | 'deactivated';
const sessions = new Map<Caller, string>();
let editorId: number;
const as = (caller: Caller) => {
  const sid = sessions.get(caller);
  session.current = sid ? { sid } : null;
};

const PUBLIC = 'public, max-age=31536000, immutable';
const STAFF_ONLY = 'private, no-store';

beforeAll(async () => {
  await migrateDatabase(getDb());
  sessions.set('writer', (await addSignedInUser('writer', 'writer@visibility.test')).sid);
  const editor = await addSignedInUser('editor', 'editor@visibility.test');
  editorId = editor.id;
  sessions.set('editor', editor.sid);
  const gone = await addSignedInUser('editor', 'gone@visibility.test');
  sessions.set('deactivated', gone.sid);
  await getDb().transaction(
    async (tx) => await updateUserSecurity(tx, gone.id, { active: false }, new Date()),
    {
      behavior: 'immediate',
    },
  );
});

beforeEach(() => {
  session.current = null;
});

afterAll(() => {
  fs.rmSync(uploadsRoot, { recursive: true, force: true });
  delete process.env.UPLOADS_DIR;
});

/** A library image with its files on disk (their bytes do not matter to serving them). */
async function addImage(name: string): Promise<number> {
  return addLibraryImage(uploadsRoot, { originalName: name, width: 2000, height: 1000, bytes: 1 });
}

async function draft(value: ReviewContent): Promise<number> {
  return await getDb().transaction(
    async (tx) =>
      (
        await insertReview(tx, {
          content: value,
          authorId: editorId,
          kind: 'create',
          now: new Date(),
        })
      ).reviewId,
    { behavior: 'immediate' },
  );
}

/** Saves `value` as the newest revision of review `id` (not published by itself). */
async function revise(id: number, value: ReviewContent): Promise<void> {
  await getDb().transaction(
    async (tx) => {
      const { version } = (
        await tx.select({ version: reviews.version }).from(reviews).where(eq(reviews.id, id))
      )[0]!;
      await appendRevision(
        tx,
        { id, version },
        {
          content: value,
          kind: 'save',
          authorId: editorId,
          baseVersion: version,
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
  session.current = null;
}

async function get(id: number | string, file = '640.webp') {
  const { GET } = await import('../../app/media/[id]/[file]/route');
  return GET(new Request(`http://localhost/media/${id}/${file}`), {
    params: Promise.resolve({ id: String(id), file }),
  });
}

/** Status, caching and body of what `caller` gets for an image. */
async function fetchAs(caller: Caller, id: number | string, file = '640.webp') {
  as(caller);
  try {
    const response = await get(id, file);
    return {
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      body: await response.text(),
    };
  } finally {
    session.current = null;
  }
}

const notFound = { status: 404, cacheControl: 'no-store', body: 'Not found' };

async function rowsOf(reviewId: number): Promise<number[]> {
  return (
    await getDb()
      .select({ mediaId: publishedMedia.mediaId })
      .from(publishedMedia)
      .where(eq(publishedMedia.reviewId, reviewId))
      .orderBy(asc(publishedMedia.mediaId))
  ).map((row) => row.mediaId);
}

describe('an image no published review shows', () => {
  it('is a 404 to anyone not signed in, exactly like an id that does not exist', async () => {
    const id = await addImage('unused.png');
    const unknown = await fetchAs('anonymous', 999_999);
    expect(unknown).toEqual(notFound);
    for (const file of ['original', '320.webp', '1920.webp']) {
      expect(await fetchAs('anonymous', id, file)).toEqual(notFound);
    }
    // A deactivated user's old session is nobody's.
    expect(await fetchAs('deactivated', id)).toEqual(notFound);
    expect(await getMediaFile(String(id), 'original')).toBeNull();
  });

  it('is served to signed-in staff, never cached', async () => {
    const id = await addImage('staff-only.png');
    for (const caller of ['writer', 'editor'] as const) {
      expect(await fetchAs(caller, id)).toEqual({
        status: 200,
        cacheControl: STAFF_ONLY,
        body: 'staff-only.png',
      });
    }
    as('writer');
    expect(await getMediaFile(String(id), 'original')).toMatchObject({ visibility: 'staff' });
  });

  it('in a draft, or only in a newer revision of a published review, stays private', async () => {
    const inDraft = await addImage('draft-poster.png');
    await draft(content('visibility-draft', { poster: inDraft, inBody: [inDraft] }));
    expect(await fetchAs('anonymous', inDraft)).toEqual(notFound);

    const later = await addImage('not-yet.png');
    const id = await draft(content('visibility-revised', {}));
    await publish(id);
    await revise(id, content('visibility-revised', { inBody: [later] }));
    expect(await fetchAs('anonymous', later)).toEqual(notFound);
  });
});

describe('an image a published review shows', () => {
  it('as its poster: public with immutable caching; 404 again once unpublished', async () => {
    const poster = await addImage('poster.png');
    const id = await draft(content('visibility-poster', { poster }));
    expect(await fetchAs('anonymous', poster)).toEqual(notFound);

    await publish(id);
    expect(await rowsOf(id)).toEqual([poster]);
    for (const file of ['original', '640.webp', '1280.webp']) {
      expect(await fetchAs('anonymous', poster, file)).toMatchObject({
        status: 200,
        cacheControl: PUBLIC,
      });
    }
    // Staff get the public answer too: it is the same file for everyone.
    expect((await fetchAs('writer', poster)).cacheControl).toBe(PUBLIC);

    as('editor');
    await unpublish(id);
    expect(await rowsOf(id)).toEqual([]);
    expect(await fetchAs('anonymous', poster)).toEqual(notFound);
    expect(await fetchAs('writer', poster)).toMatchObject({
      status: 200,
      cacheControl: STAFF_ONLY,
    });
  });

  it('in a section body (a spoiler section too): public; republished without it, 404', async () => {
    const inBody = await addImage('body.png');
    const inSpoiler = await addImage('spoiler.png');
    const id = await draft(
      content('visibility-body', { inBody: [inBody], inSpoiler: [inSpoiler] }),
    );
    await publish(id);
    expect(await rowsOf(id)).toEqual([inBody, inSpoiler]);
    expect(await fetchAs('anonymous', inBody)).toMatchObject({ status: 200, cacheControl: PUBLIC });
    expect(await fetchAs('anonymous', inSpoiler, 'original')).toMatchObject({
      status: 200,
      cacheControl: PUBLIC,
      body: 'original of spoiler.png',
    });

    // A new revision without the body image, published: only the spoiler image stays public.
    await revise(id, content('visibility-body', { inSpoiler: [inSpoiler] }));
    await publish(id);
    expect(await rowsOf(id)).toEqual([inSpoiler]);
    expect(await fetchAs('anonymous', inBody)).toEqual(notFound);
    expect((await fetchAs('anonymous', inSpoiler)).status).toBe(200);
  });

  it('stays public while any published review shows it; archive and delete take it away', async () => {
    const shared = await addImage('shared.png');
    const first = await draft(content('visibility-shared-one', { poster: shared }));
    const second = await draft(content('visibility-shared-two', { inBody: [shared] }));
    await publish(first);
    await publish(second);
    as('editor');
    await archive(first);
    expect((await fetchAs('anonymous', shared)).status).toBe(200);
    as('editor');
    await deleteReview(second);
    expect(await rowsOf(second)).toEqual([]);
    expect(await fetchAs('anonymous', shared)).toEqual(notFound);
  });
});

describe('finding the images of a review', () => {
  it('reads image nodes at any depth, once each, and ignores anything not a library file', () => {
    expect(mediaIdFromSrc('/media/12/1280.webp')).toBe(12);
    expect(mediaIdFromSrc('/media/12/original')).toBe(12);
    for (const src of [
      '/media/012/original',
      '/media/0/original',
      'https://x/media/1/a',
      7,
      null,
    ]) {
      expect(mediaIdFromSrc(src)).toBeNull();
    }
    const doc = {
      type: 'doc',
      content: [
        image(3),
        { type: 'blockquote', content: [image(5), { type: 'paragraph' }] },
        image(3),
        { type: 'paragraph', content: [{ type: 'text', text: '/media/9/original' }] },
        { type: 'image', attrs: { src: 'https://elsewhere.example/media/8/original' } },
      ],
    };
    expect(mediaIdsInRichText(doc)).toEqual([3, 5]);
    expect(
      mediaIdsInReview({ posterMediaId: 5, sections: [{ body: doc }, { body: { type: 'doc' } }] }),
    ).toEqual([5, 3]);
  });
});

// How SQLite plans these reads, and its migrations that backfilled both tables on older
// databases: tests/media/visibility.sqlite.test.ts.
describe('published_media and working_media', () => {
  it('publishing records exactly the images each published review shows', async () => {
    // Its own database, so that the review and media ids are known.
    const { db, cleanup } = await createTestDatabase();
    try {
      await publishExamples(db);
      expect(
        await query(
          db,
          'select review_id, media_id from published_media order by review_id, media_id',
        ),
      ).toEqual([
        { review_id: 1, media_id: 1 },
        { review_id: 1, media_id: 2 },
        { review_id: 2, media_id: 2 },
        { review_id: 2, media_id: 3 },
        { review_id: 3, media_id: 987_654 },
      ]);
    } finally {
      await cleanup();
    }
  });

  it('every write records the images of the newest revision of each review', async () => {
    const { db, cleanup } = await createTestDatabase();
    try {
      await writeWorkingExamples(db);
      expect(
        await query(
          db,
          'select review_id, media_id from working_media order by review_id, media_id',
        ),
      ).toEqual([
        { review_id: 1, media_id: 1 },
        { review_id: 1, media_id: 2 },
        { review_id: 3, media_id: 987_654 },
      ]);
    } finally {
      await cleanup();
    }
  });
});
