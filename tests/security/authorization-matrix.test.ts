import fs from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { insertReview } from '../../db/reviews/write';
import { auditLog, media, publishedReviews, reviews, users } from '../../db/schema';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { newReviewContent } from '../../lib/content/new-review';
import { issueToken, updateUserSecurity } from '../../db/users/records';
import { uploadsDir } from '../../lib/media/config';
import { addSignedInUser } from '../support/staff';
import { addLibraryImage } from '../support/library-image';

// Every Server Action and every data-layer read of non-public data, called directly (as a
// forged POST would call it, not through the UI), as each kind of caller. A new 'use server'
// export that this matrix does not cover fails the last test.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({
  headers: vi.fn(async () => new Headers({ 'x-cms-client-ip': '203.0.113.7' })),
}));
vi.mock('next/navigation', () => ({
  redirect: vi.fn((url: string) => {
    throw Object.assign(new Error(`redirect:${url}`), { redirectTo: url });
  }),
  forbidden: vi.fn(() => {
    throw new Error('forbidden');
  }),
}));

type Caller = 'anonymous' | 'writer' | 'editor' | 'admin' | 'deactivated';
const CALLERS: Caller[] = ['anonymous', 'writer', 'editor', 'admin', 'deactivated'];
const sessions = new Map<Caller, string>();
const ids = new Map<Caller, number>();

function as(caller: Caller) {
  const sid = sessions.get(caller);
  session.current = sid ? { sid } : null;
}

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

const idle = null;
const userCount = async () => (await getDb().select({ n: count() }).from(users))[0]?.n ?? 0;
let victimId: number;
let editorsReviewId: number;
let writersReviewId: number;

/** A complete review (the sample's content) owned by `authorId`, as a draft. */
async function seedReview(
  slug: string,
  authorId: number,
  posterMediaId: number | null = null,
): Promise<number> {
  const content = { ...buildSampleReview(readSampleArticle()), slug, posterMediaId };
  return await getDb().transaction(
    async (tx) =>
      (await insertReview(tx, { content, authorId, kind: 'create', now: new Date() })).reviewId,
    { behavior: 'immediate' },
  );
}

/** An image in the library uploaded by `uploadedBy`, with its files in uploadsDir(). */
async function libraryImage(uploadedBy: number): Promise<number> {
  return addLibraryImage(uploadsDir(), {
    originalName: 'library.png',
    width: 10,
    height: 10,
    bytes: 6,
    variants: [],
    alt: 'A library image',
    uploadedBy,
  });
}

const mediaRow = async (id: number) =>
  (await getDb().select().from(media).where(eq(media.id, id)))[0];

const reviewVersion = async (id: number) =>
  (await getDb().select({ version: reviews.version }).from(reviews).where(eq(reviews.id, id)))[0]!
    .version;

beforeAll(async () => {
  await migrateDatabase(getDb());
  for (const role of ['writer', 'editor', 'admin'] as const) {
    const { id, sid } = await addSignedInUser(role, `${role}@matrix.test`);
    ids.set(role, id);
    sessions.set(role, sid);
  }
  // An editor who held a valid session and was then deactivated.
  const deactivated = await addSignedInUser('editor', 'gone@matrix.test');
  ids.set('deactivated', deactivated.id);
  sessions.set('deactivated', deactivated.sid);
  await getDb().transaction(
    async (tx) => await updateUserSecurity(tx, deactivated.id, { active: false }, new Date()),
    {
      behavior: 'immediate',
    },
  );
  victimId = (await addSignedInUser('writer', 'victim@matrix.test')).id;
  editorsReviewId = await seedReview('matrix-editors-review', ids.get('editor')!);
  writersReviewId = await seedReview('matrix-writers-review', ids.get('writer')!);
});

afterAll(() => {
  session.current = null;
});

beforeEach(() => {
  session.current = null;
});

const refusal = (caller: Caller) =>
  caller === 'anonymous' || caller === 'deactivated'
    ? 'Sign in to continue.'
    : 'You do not have permission to do that.';

/** What each caller may do, per action: true = allowed. */
const USER_ADMIN: Record<Caller, boolean> = {
  anonymous: false,
  writer: false,
  editor: false,
  admin: true,
  deactivated: false,
};
const STAFF: Record<Caller, boolean> = {
  anonymous: false,
  writer: true,
  editor: true,
  admin: true,
  deactivated: false,
};

type Case = { allowed: Record<Caller, boolean>; run: (caller: Caller) => Promise<void> };

const MATRIX: Record<string, Case> = {
  'app/(admin)/admin/users/actions.ts#createUserAction': {
    allowed: USER_ADMIN,
    async run(caller) {
      const { createUserAction } = await import('../../app/(admin)/admin/users/actions');
      const before = await userCount();
      const email = `new-${caller}@matrix.test`;
      const state = await createUserAction(
        idle,
        form({ method: 'invite', email, name: 'New', role: 'admin' }),
      );
      if (USER_ADMIN[caller]) {
        expect(state.ok).toBe(true);
        expect(state.link).toMatch(/\/set-password\?token=/);
        expect(await userCount()).toBe(before + 1);
      } else {
        expect(state).toMatchObject({ ok: false, message: refusal(caller) });
        expect(await userCount()).toBe(before);
      }
    },
  },
  'app/(admin)/admin/users/actions.ts#changeRoleAction': {
    allowed: USER_ADMIN,
    async run(caller) {
      const { changeRoleAction } = await import('../../app/(admin)/admin/users/actions');
      const state = await changeRoleAction(idle, form({ userId: victimId, role: 'admin' }));
      const role = (
        await getDb().select({ role: users.role }).from(users).where(eq(users.id, victimId))
      )[0]?.role;
      if (USER_ADMIN[caller]) {
        expect(state.ok).toBe(true);
        expect(role).toBe('admin');
        await changeRoleAction(idle, form({ userId: victimId, role: 'writer' }));
      } else {
        expect(state).toMatchObject({ ok: false, message: refusal(caller) });
        expect(role).toBe('writer');
      }
    },
  },
  'app/(admin)/admin/users/actions.ts#deactivateUserAction': {
    allowed: USER_ADMIN,
    async run(caller) {
      const { deactivateUserAction, reactivateUserAction } =
        await import('../../app/(admin)/admin/users/actions');
      const state = await deactivateUserAction(idle, form({ userId: victimId }));
      const active = (
        await getDb().select({ active: users.active }).from(users).where(eq(users.id, victimId))
      )[0]?.active;
      if (USER_ADMIN[caller]) {
        expect(state.ok).toBe(true);
        expect(active).toBe(false);
        expect((await reactivateUserAction(idle, form({ userId: victimId }))).ok).toBe(true);
      } else {
        expect(state).toMatchObject({ ok: false, message: refusal(caller) });
        expect(active).toBe(true);
      }
    },
  },
  'app/(admin)/admin/users/actions.ts#reactivateUserAction': {
    allowed: USER_ADMIN,
    async run(caller) {
      const { reactivateUserAction } = await import('../../app/(admin)/admin/users/actions');
      const state = await reactivateUserAction(idle, form({ userId: ids.get('deactivated')! }));
      const active = (
        await getDb()
          .select({ active: users.active })
          .from(users)
          .where(eq(users.id, ids.get('deactivated')!))
      )[0]?.active;
      if (USER_ADMIN[caller]) {
        expect(state.ok).toBe(true);
        expect(active).toBe(true);
        await getDb().transaction(
          async (tx) =>
            await updateUserSecurity(tx, ids.get('deactivated')!, { active: false }, new Date()),
          {
            behavior: 'immediate',
          },
        );
      } else {
        expect(state).toMatchObject({ ok: false, message: refusal(caller) });
        expect(active).toBe(false);
      }
    },
  },
  'app/(admin)/admin/users/actions.ts#resetPasswordAction': {
    allowed: USER_ADMIN,
    async run(caller) {
      const { resetPasswordAction } = await import('../../app/(admin)/admin/users/actions');
      const state = await resetPasswordAction(idle, form({ userId: victimId }));
      if (USER_ADMIN[caller]) {
        expect(state.link).toMatch(/\/set-password\?token=/);
      } else {
        expect(state).toMatchObject({ ok: false, message: refusal(caller) });
        expect(state.link).toBeUndefined();
      }
    },
  },
  'app/(admin)/admin/reviews/actions.ts#createReviewAction': {
    allowed: STAFF,
    async run(caller) {
      const { createReviewAction } = await import('../../app/(admin)/admin/reviews/actions');
      const content = {
        ...newReviewContent(),
        headline: `By ${caller}`,
        slug: `matrix-new-${caller}`,
      };
      const created = await createReviewAction({ content });
      if (STAFF[caller]) expect(created).toMatchObject({ ok: true, version: 1 });
      else expect(created).toMatchObject({ ok: false, message: refusal(caller) });
    },
  },
  'app/(admin)/admin/import/actions.ts#previewImportAction': {
    allowed: STAFF,
    async run(caller) {
      const { previewImportAction } = await import('../../app/(admin)/admin/import/actions');
      const pasted = await previewImportAction(
        idle,
        form({ text: readSampleArticle(), format: 'auto' }),
      );
      const upload = new FormData();
      upload.set(
        'file',
        new File([readSampleArticle()], 'escape-2024.txt', { type: 'text/plain' }),
      );
      upload.set('format', 'auto');
      const uploaded = await previewImportAction(idle, upload);
      for (const state of [pasted, uploaded]) {
        if (STAFF[caller]) {
          expect(state.ok).toBe(true);
          expect(state.preview?.content.sections).toHaveLength(8);
          expect(state.preview?.content.work).toMatchObject({ title: 'Escape', year: 2024 });
        } else {
          expect(state).toMatchObject({ ok: false, message: refusal(caller) });
          expect(state.preview).toBeUndefined();
        }
      }
      expect(uploaded.preview?.source).toBe(STAFF[caller] ? 'escape-2024.txt' : undefined);
    },
  },
  'app/(admin)/admin/import/actions.ts#createImportedDraftAction': {
    // Importing is creating a review: every active staff member may, as a draft of their own.
    allowed: STAFF,
    async run(caller) {
      const { createImportedDraftAction } = await import('../../app/(admin)/admin/import/actions');
      const slug = `matrix-import-${caller}`;
      const content = { ...buildSampleReview(readSampleArticle()), slug };
      const fields = {
        content: JSON.stringify(content),
        source: 'escape-2024.txt',
        format: 'text',
        warnings: 3,
        slugChosen: 'true',
        // Not a field of the form: ignored.
        authorId: ids.get('admin')!,
      };
      const reviewCount = async () =>
        (await getDb().select({ n: count() }).from(reviews))[0]?.n ?? 0;
      const before = await reviewCount();
      if (STAFF[caller]) {
        await expect(createImportedDraftAction(idle, form(fields))).rejects.toMatchObject({
          redirectTo: expect.stringMatching(/^\/admin\/reviews\/\d+$/),
        });
        const created = (await getDb().select().from(reviews).where(eq(reviews.slug, slug)))[0]!;
        expect(created).toMatchObject({ status: 'draft', authorId: ids.get(caller), version: 1 });
        const { reviewRevisions } = await import('../../db/schema');
        expect(
          await getDb()
            .select({ kind: reviewRevisions.kind })
            .from(reviewRevisions)
            .where(eq(reviewRevisions.reviewId, created.id)),
        ).toEqual([{ kind: 'import' }]);
        expect(
          (
            await getDb()
              .select()
              .from(publishedReviews)
              .where(eq(publishedReviews.reviewId, created.id))
          )[0],
        ).toBeUndefined();
        expect(
          await getDb()
            .select({ actorId: auditLog.actorId })
            .from(auditLog)
            .where(eq(auditLog.targetId, String(created.id))),
        ).toEqual([{ actorId: ids.get(caller) }]);
        // The editor chose that slug: a second import with it is refused on the slug field.
        expect(await createImportedDraftAction(idle, form(fields))).toMatchObject({
          ok: false,
          errors: { slug: ['Another review already uses this slug.'] },
        });
        expect(await reviewCount()).toBe(before + 1);
      } else {
        expect(await createImportedDraftAction(idle, form(fields))).toMatchObject({
          ok: false,
          message: refusal(caller),
        });
        expect(await reviewCount()).toBe(before);
      }
      // Content the schema refuses never reaches the data layer; and a caller who may not
      // import is refused before the content is even read.
      expect(
        await createImportedDraftAction(
          idle,
          form({ ...fields, content: JSON.stringify({ ...content, headline: '<b>x</b>' }) }),
        ),
      ).toMatchObject(
        STAFF[caller]
          ? { ok: false, errors: { headline: [expect.any(String)] } }
          : { ok: false, message: refusal(caller) },
      );
    },
  },
  'app/(admin)/admin/reviews/actions.ts#reviewWorkflowAction': {
    allowed: { anonymous: false, writer: false, editor: true, admin: true, deactivated: false },
    async run(caller) {
      const { reviewWorkflowAction } = await import('../../app/(admin)/admin/reviews/actions');
      const published = await reviewWorkflowAction({
        reviewId: writersReviewId,
        action: 'publish',
      });
      const isPublic = async () =>
        (
          await getDb()
            .select()
            .from(publishedReviews)
            .where(eq(publishedReviews.reviewId, writersReviewId))
        )[0] !== undefined;
      if (caller === 'editor' || caller === 'admin') {
        expect(published).toMatchObject({ ok: true, message: 'Published.' });
        expect(await isPublic()).toBe(true);
        expect(
          await reviewWorkflowAction({ reviewId: writersReviewId, action: 'unpublish' }),
        ).toMatchObject({ ok: true });
      } else {
        expect(published).toMatchObject({ ok: false, message: refusal(caller) });
      }
      expect(await isPublic()).toBe(false);
      const deleted = await reviewWorkflowAction({ reviewId: writersReviewId, action: 'delete' });
      if (caller !== 'editor' && caller !== 'admin') {
        expect(deleted).toMatchObject({ ok: false, message: refusal(caller) });
      } else {
        // Deleting is tested last, by the admin, so the review stays for the other callers.
        expect(deleted.ok).toBe(true);
        writersReviewId = await seedReview('matrix-writers-review-again', ids.get('writer')!);
      }
    },
  },
  'app/(admin)/admin/media/actions.ts#uploadMediaAction': {
    allowed: STAFF,
    async run(caller) {
      const { uploadMediaAction } = await import('../../app/(admin)/admin/media/actions');
      const { default: sharp } = await import('sharp');
      const { media } = await import('../../db/schema');
      // Files land in uploadsDir(), beside this file's throwaway database, and go with it.
      const png = await sharp({
        create: { width: 64, height: 48, channels: 3, background: '#9e2a1f' },
      })
        .png()
        .toBuffer();
      const data = new FormData();
      data.set(
        'file',
        new File([new Uint8Array(png)], `still-${caller}.png`, { type: 'image/png' }),
      );
      data.set('alt', `A still, uploaded as ${caller}`);
      const mediaCount = async () => (await getDb().select({ n: count() }).from(media))[0]?.n ?? 0;
      const before = await mediaCount();
      const state = await uploadMediaAction(idle, data);
      if (STAFF[caller]) {
        expect(state.ok).toBe(true);
        expect(await mediaCount()).toBe(before + 1);
        const [row] = await getDb()
          .select({ uploadedBy: media.uploadedBy })
          .from(media)
          .where(eq(media.originalName, `still-${caller}.png`));
        expect(row?.uploadedBy).toBe(ids.get(caller));
      } else {
        expect(state).toMatchObject({ ok: false, message: refusal(caller) });
        expect(await mediaCount()).toBe(before);
      }
    },
  },
  'app/(admin)/admin/media/actions.ts#updateMediaAltAction': {
    // Editors and admins any image; writers only their own uploads.
    allowed: STAFF,
    async run(caller) {
      const { updateMediaAltAction } = await import('../../app/(admin)/admin/media/actions');
      const editors = await libraryImage(ids.get('editor')!);
      const own = ids.has(caller) ? await libraryImage(ids.get(caller)!) : null;
      const altOf = async (id: number) => (await mediaRow(id))?.alt;
      const edit = (id: number | string, alt: string) =>
        updateMediaAltAction(idle, form({ id, alt, uploadedBy: ids.get('admin')! }));

      const onEditors = await edit(editors, `Edited by ${caller}`);
      if (caller === 'editor' || caller === 'admin') {
        expect(onEditors).toMatchObject({ ok: true, alt: `Edited by ${caller}` });
        expect(await altOf(editors)).toBe(`Edited by ${caller}`);
      } else {
        expect(onEditors).toMatchObject({ ok: false, message: refusal(caller) });
        expect(await altOf(editors)).toBe('A library image');
      }
      if (own !== null && STAFF[caller]) {
        expect((await edit(own, 'My own still')).ok).toBe(true);
        expect(await altOf(own)).toBe('My own still');
      }
      // Bad input is an answer, never an exception; a caller who may not is refused first.
      for (const [id, alt] of [
        ['abc', 'x'],
        ['', 'x'],
        ['1e3', 'x'],
        [String(editors), ''],
        [String(editors), 'x'.repeat(100_000)],
      ] as const) {
        const state = await edit(id, alt);
        expect(state.ok).toBe(false);
        if (!STAFF[caller]) expect(state.message).toBe(refusal(caller));
      }
    },
  },
  'app/(admin)/admin/media/actions.ts#deleteMediaAction': {
    // Editors and admins any image no review uses; writers only their own uploads.
    allowed: STAFF,
    async run(caller) {
      const { deleteMediaAction } = await import('../../app/(admin)/admin/media/actions');
      const remove = (id: number | string) => deleteMediaAction(idle, form({ id }));
      const editors = await libraryImage(ids.get('editor')!);
      if (caller === 'editor' || caller === 'admin') {
        await expect(remove(editors)).rejects.toMatchObject({
          redirectTo: '/admin/media?deleted=1',
        });
        expect(await mediaRow(editors)).toBeUndefined();
      } else {
        expect(await remove(editors)).toMatchObject({ ok: false, message: refusal(caller) });
        expect(await mediaRow(editors)).toBeDefined();
      }
      if (caller === 'writer') {
        const own = await libraryImage(ids.get('writer')!);
        await expect(remove(own)).rejects.toMatchObject({ redirectTo: '/admin/media?deleted=1' });
        expect(await mediaRow(own)).toBeUndefined();
      }
      // An image a review uses is refused to everyone, its uploader included.
      const used = await libraryImage(ids.get(caller === 'writer' ? 'writer' : 'editor')!);
      const usedBy = await seedReview(`matrix-media-used-by-${caller}`, ids.get('writer')!, used);
      const refused = await remove(used);
      expect(refused.ok).toBe(false);
      if (STAFF[caller]) {
        expect(refused.message).toMatch(/^This image is used by/);
        expect(refused).toMatchObject({ uses: [expect.objectContaining({ reviewId: usedBy })] });
      } else {
        expect(refused.message).toBe(refusal(caller));
      }
      expect(await mediaRow(used)).toBeDefined();
      for (const id of ['abc', '', '0', '99999999999999999999', 'x'.repeat(100_000)]) {
        expect(await remove(id)).toMatchObject({
          ok: false,
          message: STAFF[caller] ? 'That image does not exist.' : refusal(caller),
        });
      }
    },
  },
  'app/(admin)/admin/reviews/[id]/history/actions.ts#restoreRevisionAction': {
    // Restoring is editing: writers only their own drafts, editors and admins any review.
    allowed: STAFF,
    async run(caller) {
      const { restoreRevisionAction } =
        await import('../../app/(admin)/admin/reviews/[id]/history/actions');
      const { appendRevision } = await import('../../db/reviews/write');
      const { reviewRevisions } = await import('../../db/schema');
      /** A draft with two versions that differ, owned by `owner`. */
      const twoVersions = async (owner: Caller) => {
        const id = await seedReview(`matrix-history-${owner}-by-${caller}`, ids.get(owner)!);
        const content = {
          ...buildSampleReview(readSampleArticle()),
          slug: `matrix-history-${owner}-by-${caller}`,
          headline: 'Second version',
        };
        await getDb().transaction(
          async (tx) =>
            await appendRevision(
              tx,
              { id, version: 1 },
              { content, kind: 'save', authorId: ids.get(owner)!, baseVersion: 1, now: new Date() },
            ),
          { behavior: 'immediate' },
        );
        return id;
      };
      const revisionCount = async (id: number) =>
        (
          await getDb()
            .select({ n: count() })
            .from(reviewRevisions)
            .where(eq(reviewRevisions.reviewId, id))
        )[0]?.n ?? 0;
      const restore = (id: number) =>
        restoreRevisionAction(idle, form({ reviewId: id, version: 1, role: 'admin' }));

      // Someone else's review: only editors and admins may restore it.
      const editors = await twoVersions('editor');
      if (caller === 'editor' || caller === 'admin') {
        await expect(restore(editors)).rejects.toMatchObject({
          redirectTo: `/admin/reviews/${editors}/history?restored=3`,
        });
        expect(await revisionCount(editors)).toBe(3);
      } else {
        expect(await restore(editors)).toMatchObject({ ok: false, message: refusal(caller) });
        expect(await revisionCount(editors)).toBe(2);
      }

      // A writer's own draft: the writer may restore it too.
      const writers = await twoVersions('writer');
      if (STAFF[caller]) {
        await expect(restore(writers)).rejects.toMatchObject({
          redirectTo: `/admin/reviews/${writers}/history?restored=3`,
        });
        expect(await revisionCount(writers)).toBe(3);
      } else {
        expect(await restore(writers)).toMatchObject({ ok: false, message: refusal(caller) });
        expect(await revisionCount(writers)).toBe(2);
      }

      // Who is asking comes first; then malformed input is refused before anything else.
      expect(
        await restoreRevisionAction(idle, form({ reviewId: writers, version: 'abc' })),
      ).toMatchObject({
        ok: false,
        message:
          caller === 'anonymous' || caller === 'deactivated'
            ? refusal(caller)
            : 'That restore request is not valid.',
      });
    },
  },
  // Authorized by a one-time token rather than a session: whoever calls, a forged or missing
  // token is refused and a valid one works exactly once.
  'app/setup/actions.ts#setupFirstAdmin': {
    allowed: { anonymous: false, writer: false, editor: false, admin: false, deactivated: false },
    async run(caller) {
      const { setupFirstAdmin } = await import('../../app/setup/actions');
      const token = await getDb().transaction(
        async (tx) => await issueToken(tx, { userId: null, purpose: 'setup', now: new Date() }),
        {
          behavior: 'immediate',
        },
      );
      const before = await userCount();
      const fields = {
        token,
        name: 'Intruder',
        email: `intruder-${caller}@matrix.test`,
        password: 'a long enough passphrase',
        confirm: 'a long enough passphrase',
      };
      // Users already exist, so even a valid setup token creates no admin.
      const state = await setupFirstAdmin(idle, form(fields));
      expect(state).toMatchObject({
        ok: false,
        message: 'This setup link has expired or was already used.',
      });
      const forged = await setupFirstAdmin(
        idle,
        form({ ...fields, token: 'forged-token-forged-token-forged' }),
      );
      expect(forged.ok).toBe(false);
      expect(await userCount()).toBe(before);
    },
  },
  'app/set-password/actions.ts#setPasswordFromLink': {
    allowed: { anonymous: true, writer: true, editor: true, admin: true, deactivated: true },
    async run(caller) {
      const { setPasswordFromLink } = await import('../../app/set-password/actions');
      const token = await getDb().transaction(
        async (tx) => await issueToken(tx, { userId: victimId, purpose: 'reset', now: new Date() }),
        {
          behavior: 'immediate',
        },
      );
      const fields = {
        token,
        password: `a new passphrase for ${caller}`,
        confirm: `a new passphrase for ${caller}`,
        role: 'admin',
      };
      await expect(setPasswordFromLink(idle, form(fields))).rejects.toMatchObject({
        redirectTo: '/login?password=set',
      });
      // The extra role=admin field was ignored, and the link is spent.
      expect(
        (await getDb().select({ role: users.role }).from(users).where(eq(users.id, victimId)))[0]
          ?.role,
      ).toBe('writer');
      expect(await setPasswordFromLink(idle, form(fields))).toMatchObject({ ok: false });
      const forged = await setPasswordFromLink(
        idle,
        form({ ...fields, token: 'forged-token-forged-token-forged' }),
      );
      expect(forged.ok).toBe(false);
    },
  },
};

const EDITORS_ONLY: Record<Caller, boolean> = {
  anonymous: false,
  writer: false,
  editor: true,
  admin: true,
  deactivated: false,
};

/** A same-origin request to a route handler, as the editor's fetch sends it. */
function routeRequest(method: string, body?: unknown): Request {
  return new Request('http://localhost:3000/api', {
    method,
    headers: {
      origin: 'http://localhost:3000',
      host: 'localhost:3000',
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const routeParams = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
let publishRouteReviewId: number | undefined;
const refusalStatus = (caller: Caller) =>
  caller === 'anonymous' || caller === 'deactivated' ? 401 : 403;

/** Route handlers that change data (the JSON endpoints the editor calls with fetch). */
const ROUTES: Record<string, Case> = {
  'app/api/internal/revalidate/route.ts#POST': {
    // The server's own scheduler holds the token; no signed-in person is enough.
    allowed: { anonymous: false, writer: false, editor: false, admin: false, deactivated: false },
    async run() {
      const { POST } = await import('../../app/api/internal/revalidate/route');
      const { revalidationToken } = await import('../../lib/cache/background-revalidation');
      expect((await POST(routeRequest('POST'))).status).toBe(403);
      const forged = routeRequest('POST');
      forged.headers.set('x-revalidate-token', 'a'.repeat(64));
      expect((await POST(forged)).status).toBe(403);
      const signed = routeRequest('POST');
      signed.headers.set('x-revalidate-token', revalidationToken());
      expect((await POST(signed)).status).toBe(200);
    },
  },
  'app/api/media/route.ts#POST': {
    // The canvas's uploads (a dropped or pasted image, the pickers): staff only.
    allowed: STAFF,
    async run(caller) {
      const { POST } = await import('../../app/api/media/route');
      const { default: sharp } = await import('sharp');
      const { media } = await import('../../db/schema');
      const png = await sharp({
        create: { width: 64, height: 48, channels: 3, background: '#1f4e9e' },
      })
        .png()
        .toBuffer();
      const data = new FormData();
      data.set(
        'file',
        new File([new Uint8Array(png)], `dropped-${caller}.png`, { type: 'image/png' }),
      );
      const request = new Request('http://localhost:3000/api/media', {
        method: 'POST',
        headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
        body: data,
      });
      const mediaCount = async () => (await getDb().select({ n: count() }).from(media))[0]?.n ?? 0;
      const before = await mediaCount();
      const response = await POST(request);
      if (STAFF[caller]) {
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ originalName: `dropped-${caller}.png` });
        expect(await mediaCount()).toBe(before + 1);
      } else {
        expect(response.status).toBe(refusalStatus(caller));
        expect(await response.json()).toMatchObject({ message: refusal(caller) });
        expect(await mediaCount()).toBe(before);
      }
    },
  },
  'app/api/reviews/[id]/revisions/route.ts#POST': {
    allowed: EDITORS_ONLY,
    async run(caller) {
      const { POST } = await import('../../app/api/reviews/[id]/revisions/route');
      // Someone else's review: only editors and admins may change it.
      const version = await reviewVersion(editorsReviewId);
      const response = await POST(
        routeRequest('POST', {
          baseVersion: version,
          kind: 'save',
          content: {
            ...newReviewContent(),
            slug: 'matrix-editors-review',
            headline: `By ${caller}`,
          },
        }),
        routeParams(editorsReviewId),
      );
      if (EDITORS_ONLY[caller]) {
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ status: 'saved', version: version + 1 });
      } else {
        expect(response.status).toBe(refusalStatus(caller));
        expect(await response.json()).toMatchObject({ message: refusal(caller) });
        expect(await reviewVersion(editorsReviewId)).toBe(version);
      }
    },
  },
  'app/api/reviews/[id]/publish/route.ts#POST': {
    allowed: EDITORS_ONLY,
    async run(caller) {
      const { POST } = await import('../../app/api/reviews/[id]/publish/route');
      // A writer's complete draft: only editors and admins may publish it.
      publishRouteReviewId ??= await seedReview('matrix-publish-route', ids.get('writer')!);
      const version = await reviewVersion(publishRouteReviewId);
      const response = await POST(routeRequest('POST'), routeParams(publishRouteReviewId));
      if (EDITORS_ONLY[caller]) {
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ status: 'published', version: version + 1 });
        const [published] = await getDb()
          .select({ revisionId: publishedReviews.revisionId })
          .from(publishedReviews)
          .where(eq(publishedReviews.reviewId, publishRouteReviewId));
        expect(published).toBeDefined();
      } else {
        expect(response.status).toBe(refusalStatus(caller));
        expect(await response.json()).toMatchObject({ message: refusal(caller) });
        expect(await reviewVersion(publishRouteReviewId)).toBe(version);
      }
    },
  },
  'app/api/reviews/[id]/presence/route.ts#POST': {
    allowed: EDITORS_ONLY,
    async run(caller) {
      const { POST } = await import('../../app/api/reviews/[id]/presence/route');
      const response = await POST(routeRequest('POST'), routeParams(editorsReviewId));
      expect(response.status).toBe(EDITORS_ONLY[caller] ? 200 : refusalStatus(caller));
    },
  },
  'app/api/reviews/[id]/presence/route.ts#DELETE': {
    allowed: STAFF,
    async run(caller) {
      const { DELETE } = await import('../../app/api/reviews/[id]/presence/route');
      // Leaving only ever removes the caller's own presence.
      const response = await DELETE(routeRequest('DELETE'), routeParams(editorsReviewId));
      expect(response.status).toBe(STAFF[caller] ? 200 : refusalStatus(caller));
    },
  },
};

/** Data-layer reads of non-public data, as pages and route handlers call them. */
const READS: Record<string, Case> = {
  'db/users/admin.ts#listUsers': {
    allowed: USER_ADMIN,
    async run(caller) {
      const { listUsers } = await import('../../db/users/admin');
      if (USER_ADMIN[caller]) expect((await listUsers()).length).toBeGreaterThan(0);
      else await expect(listUsers()).rejects.toThrow(refusal(caller));
    },
  },
  'db/queries/audit.ts#listAuditLog': {
    allowed: USER_ADMIN,
    async run(caller) {
      const { listAuditLog } = await import('../../db/queries/audit');
      if (USER_ADMIN[caller]) expect(await listAuditLog({ page: 1 })).toHaveProperty('entries');
      else await expect(listAuditLog({ page: 1 })).rejects.toThrow(refusal(caller));
    },
  },
  'db/queries/audit.ts#listAuditActors': {
    allowed: USER_ADMIN,
    async run(caller) {
      const { listAuditActors } = await import('../../db/queries/audit');
      if (USER_ADMIN[caller]) expect((await listAuditActors()).length).toBeGreaterThan(0);
      else await expect(listAuditActors()).rejects.toThrow(refusal(caller));
    },
  },
  'db/media/media.ts#listMedia': {
    allowed: STAFF,
    async run(caller) {
      const { listMedia } = await import('../../db/media/media');
      if (STAFF[caller]) expect(await listMedia({ page: 1 })).toBeTruthy();
      else await expect(listMedia({ page: 1 })).rejects.toThrow(refusal(caller));
    },
  },
  'db/media/manage.ts#getMediaDetail': {
    allowed: STAFF,
    async run(caller) {
      const { getMediaDetail } = await import('../../db/media/manage');
      const id = await libraryImage(ids.get('editor')!);
      if (STAFF[caller]) {
        expect(await getMediaDetail(id)).toMatchObject({
          id,
          permissions: { edit: caller !== 'writer', delete: caller !== 'writer' },
        });
      } else {
        await expect(getMediaDetail(id)).rejects.toThrow(refusal(caller));
      }
    },
  },
  'db/media/media.ts#getMediaLabels': {
    allowed: STAFF,
    async run(caller) {
      const { getMediaLabels } = await import('../../db/media/media');
      const id = await libraryImage(ids.get('editor')!);
      if (STAFF[caller]) expect((await getMediaLabels([id, id, -1])).size).toBe(1);
      else await expect(getMediaLabels([id])).rejects.toThrow(refusal(caller));
    },
  },
  'db/queries/taxonomy.ts#listSuggestions': {
    allowed: STAFF,
    async run(caller) {
      const { listSuggestions } = await import('../../db/queries/taxonomy');
      if (STAFF[caller]) expect(await listSuggestions()).toHaveProperty('people');
      else await expect(listSuggestions()).rejects.toThrow(refusal(caller));
    },
  },
  'db/reviews/editing.ts#getReviewForEditing': {
    allowed: STAFF,
    async run(caller) {
      const { getReviewForEditing } = await import('../../db/reviews/editing');
      // The editor's review: writers may not read someone else's working copy.
      if (caller === 'editor' || caller === 'admin') {
        expect((await getReviewForEditing(editorsReviewId)).id).toBe(editorsReviewId);
      } else {
        await expect(getReviewForEditing(editorsReviewId)).rejects.toThrow(refusal(caller));
      }
    },
  },
  'db/queries/admin-reviews.ts#listReviewsForStaff': {
    allowed: STAFF,
    async run(caller) {
      const { listReviewsForStaff } = await import('../../db/queries/admin-reviews');
      if (STAFF[caller]) expect(Array.isArray(await listReviewsForStaff())).toBe(true);
      else await expect(listReviewsForStaff()).rejects.toThrow(refusal(caller));
    },
  },
};

describe.each(CALLERS)('as %s', (caller) => {
  it.each(Object.keys({ ...MATRIX, ...ROUTES, ...READS }))('%s', async (name) => {
    as(caller);
    await { ...MATRIX, ...ROUTES, ...READS }[name]!.run(caller);
  });
});

describe('the matrix', () => {
  it('covers every exported Server Action in the app', async () => {
    const root = path.resolve(__dirname, '../..');
    const files = fs
      .readdirSync(path.join(root, 'app'), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(ts|tsx)$/.test(file))
      .map((file) => path.join('app', file))
      .filter((file) =>
        /^\s*['"]use server['"]/m.test(fs.readFileSync(path.join(root, file), 'utf8')),
      );
    expect(files.length).toBeGreaterThan(0);
    const exported: string[] = [];
    for (const file of files) {
      const exports = (await import(path.join(root, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value === 'function') exported.push(`${file.split(path.sep).join('/')}#${name}`);
      }
    }
    expect(exported.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('covers every route handler that changes data (next-auth excepted)', async () => {
    const root = path.resolve(__dirname, '../..');
    const handlers: string[] = [];
    for (const file of fs.readdirSync(path.join(root, 'app'), {
      recursive: true,
      encoding: 'utf8',
    })) {
      const name = file.split(path.sep).join('/');
      if (!/(^|\/)route\.ts$/.test(name) || name.startsWith('api/auth/')) continue;
      const exports = (await import(path.join(root, 'app', file))) as Record<string, unknown>;
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
        if (typeof exports[method] === 'function') handlers.push(`app/${name}#${method}`);
    }
    expect(handlers.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('records refused attempts nowhere and successful admin changes in the audit log', async () => {
    const actions = await getDb()
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog);
    const changes = actions.filter(
      (entry) => entry.action.startsWith('user.') && entry.action !== 'user.password_set',
    );
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((entry) => entry.actorId === ids.get('admin'))).toBe(true);
  });
});

describe('the last active admin', () => {
  it('cannot be demoted or deactivated, by themselves or anyone', async () => {
    const { changeRoleAction, deactivateUserAction } =
      await import('../../app/(admin)/admin/users/actions');
    as('admin');
    const adminId = ids.get('admin')!;
    expect(await changeRoleAction(idle, form({ userId: adminId, role: 'editor' }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/last active admin cannot be demoted/),
    });
    // No one deactivates themselves (the last admin included): another admin must.
    expect(await deactivateUserAction(idle, form({ userId: adminId }))).toMatchObject({
      ok: false,
      message: 'You cannot deactivate yourself: ask another admin.',
    });
    const [admin] = await getDb().select().from(users).where(eq(users.id, adminId));
    expect(admin).toMatchObject({ role: 'admin', active: true });

    // With a second admin, the first may step down.
    expect((await changeRoleAction(idle, form({ userId: victimId, role: 'admin' }))).ok).toBe(true);
    expect((await changeRoleAction(idle, form({ userId: adminId, role: 'editor' }))).ok).toBe(true);
  });
});
