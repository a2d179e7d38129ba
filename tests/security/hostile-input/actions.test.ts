import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../db/client';
import { migrateDatabase } from '../../../db/migrate';
import { insertReview } from '../../../db/reviews/write';
import { newReviewContent } from '../../../lib/content/new-review';
import { addSignedInUser } from '../../support/staff';
import {
  DEPTHS,
  fill,
  HOSTILE_UNITS,
  hostileJson,
  hostileString,
  MB,
  NAMED_UNITS,
  nested,
  SHAPES,
  timedAsync,
  timeLimit,
} from './hostile';

// The zod schemas that live inside app/ (Server Actions, route handlers, pages) are not
// exported, so they are reached the way a forged request reaches them: by calling the action
// or handler, here as a signed-in admin (every action asks who is calling before it reads its
// form). Each must answer hostile input with a form state, an action result or a response under
// 500, never an exception (other than the redirect that follows a success), in time.

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
    throw Object.assign(new Error('forbidden'), { forbidden: true });
  }),
  notFound: vi.fn(() => {
    throw Object.assign(new Error('not found'), { notFound: true });
  }),
}));

const importActions = await import('../../../app/(admin)/admin/import/actions');
const reviewActions = await import('../../../app/(admin)/admin/reviews/actions');
const historyActions = await import('../../../app/(admin)/admin/reviews/[id]/history/actions');
const mediaActions = await import('../../../app/(admin)/admin/media/actions');
const userActions = await import('../../../app/(admin)/admin/users/actions');
const setupActions = await import('../../../app/setup/actions');
const setPasswordActions = await import('../../../app/set-password/actions');
const revisionsRoute = await import('../../../app/api/reviews/[id]/revisions/route');
const mediaRoute = await import('../../../app/api/media/route');
const { parseId } = await import('../../../app/api/_lib/json-route');
const pages = {
  search: (await import('../../../app/(public)/search/page')).default,
  reviews: (await import('../../../app/(admin)/admin/page')).default,
  audit: (await import('../../../app/(admin)/admin/audit/page')).default,
  media: (await import('../../../app/(admin)/admin/media/page')).default,
};

let adminId: number;
let reviewId: number;

beforeAll(async () => {
  await migrateDatabase(getDb());
  const admin = await addSignedInUser('admin', 'admin@hostile.test');
  adminId = admin.id;
  session.current = { sid: admin.sid };
  reviewId = await getDb().transaction(
    async (tx) =>
      (
        await insertReview(tx, {
          content: newReviewContent(),
          authorId: admin.id,
          kind: 'create',
          now: new Date(),
        })
      ).reviewId,
    { behavior: 'immediate' },
  );
});

afterAll(() => {
  session.current = null;
});

const idle = null;
const isRedirect = (error: unknown) =>
  typeof error === 'object' && error !== null && 'redirectTo' in error;

/** The action answered: an object (an action result or a response), or a redirect. */
async function answers(label: string, size: number, run: () => Promise<unknown>, slack = 1) {
  const result = await timedAsync(run);
  expect(result.ms, `${label} took ${result.ms.toFixed(0)} ms`).toBeLessThan(
    timeLimit(size, slack),
  );
  if (!result.ok) {
    if (isRedirect(result.error)) return null;
    throw new Error(`${label} threw ${String(result.error)}`, { cause: result.error });
  }
  const value = result.value as object | null;
  expect(typeof value).toBe('object');
  if (value instanceof Response)
    expect(value.status, `${label} answered ${value.status}`).toBeLessThan(500);
  else expect(value).toHaveProperty('ok');
  return value;
}

/** The page rendered: a React element, in time. */
async function renders(label: string, size: number, run: () => Promise<unknown>) {
  const result = await timedAsync(run);
  expect(result.ms, `${label} took ${result.ms.toFixed(0)} ms`).toBeLessThan(timeLimit(size));
  if (!result.ok)
    throw new Error(`${label} threw ${String(result.error)}`, { cause: result.error });
  expect(result.value).toHaveProperty('props');
}

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** A form value: hostile text, or a value the form expects. */
const value = (...expected: string[]) =>
  fc.oneof(hostileString(20, 500), fc.constantFrom(...expected, ''));

/** What a JSON field may hold: hostile JSON, or deeply nested JSON. */
const jsonText = fc.oneof(
  hostileJson.map((json) => JSON.stringify(json) ?? 'null'),
  hostileString(10, 200),
  fc.constantFrom(
    '['.repeat(100_000),
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    '{"content":',
  ),
);

const saveRequest = (body: string, id = String(reviewId)) =>
  revisionsRoute.POST(
    new Request(`http://localhost/api/reviews/${id}/revisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'localhost' },
      body,
    }),
    { params: Promise.resolve({ id }) },
  );

const LONG = { timeout: 60_000 };

describe('Server Actions on hostile forms', LONG, () => {
  it('previewImportAction (previewSchema) answers any pasted article or format', async () => {
    await fc.assert(
      fc.asyncProperty(
        value('auto', 'text', 'markdown', 'html'),
        hostileString(20, 1000),
        async (format, text) => {
          await answers(
            'previewImportAction',
            text.length,
            () => importActions.previewImportAction(idle, form({ format, text })),
            4,
          );
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
    for (const file of [
      new File([fill('<a', MB)], 'x.html'),
      new File(['x'], 'x.exe'),
      new File([new Uint8Array(MB)], 'x.txt'),
    ])
      await answers(
        'previewImportAction file',
        MB,
        () => importActions.previewImportAction(idle, form({ format: 'auto', text: '', file })),
        4,
      );
  });

  it('createImportedDraftAction (createSchema) answers any content JSON and fields', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonText,
        value('pasted text'),
        value('text', 'html'),
        value('0', '7', '-1'),
        value('true', 'false'),
        async (content, source, format, warnings, slugChosen) => {
          await answers('createImportedDraftAction', content.length + source.length, () =>
            importActions.createImportedDraftAction(
              idle,
              form({ content, source, format, warnings, slugChosen }),
            ),
          );
        },
      ),
      { numRuns: 60 },
    );
    const review = JSON.stringify({ ...newReviewContent(), headline: fill('<a', MB) });
    await answers('1 MB headline', MB, () =>
      importActions.createImportedDraftAction(idle, form({ content: review })),
    );
  });

  it('createReviewAction (createInputSchema) answers any input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileJson,
          hostileJson.map((content) => ({ content })),
        ),
        async (input) => {
          await answers('createReviewAction', JSON.stringify(input)?.length ?? 0, () =>
            reviewActions.createReviewAction(input),
          );
        },
      ),
      { numRuns: 100 },
    );
    for (const shape of SHAPES)
      for (const depth of DEPTHS)
        await answers('createReviewAction nested', depth, () =>
          reviewActions.createReviewAction({ content: nested(depth, shape) }),
        );
  });

  it('reviewWorkflowAction (workflowInputSchema) answers any command', async () => {
    const command = fc.record({
      reviewId: fc.oneof(
        fc.constantFrom(reviewId + 1000, -1, 0, 1.5, Number.MAX_SAFE_INTEGER + 2, Number.NaN),
        hostileString(3, 10),
      ),
      action: value('submit', 'publish', 'schedule', 'request_changes', 'delete'),
      at: value('2030-01-01T00:00:00Z', '2030-01-01T00:00:00+99:99'),
      note: hostileString(20, 2000),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(command, hostileJson), async (input) => {
        await answers('reviewWorkflowAction', JSON.stringify(input)?.length ?? 0, () =>
          reviewActions.reviewWorkflowAction(input),
        );
      }),
      { numRuns: 150 },
    );
    for (const [shape, unit] of NAMED_UNITS) {
      const big = fill(unit, MB);
      await answers(`workflow ${shape}`, MB, () =>
        reviewActions.reviewWorkflowAction({
          reviewId: reviewId + 1000,
          action: 'schedule',
          at: big,
        }),
      );
      await answers(`workflow note ${shape}`, MB, () =>
        reviewActions.reviewWorkflowAction({
          reviewId: reviewId + 1000,
          action: 'request_changes',
          note: big,
        }),
      );
    }
  });

  it('restoreRevisionAction (restoreSchema) answers any ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        value(String(reviewId + 1000), '1', '1e400', '0x10'),
        value('1', '99', '-0'),
        async (reviewIdText, version) => {
          await answers('restoreRevisionAction', reviewIdText.length + version.length, () =>
            historyActions.restoreRevisionAction(idle, form({ reviewId: reviewIdText, version })),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the media actions (uploadSchema, alt text) answer any alt text and id', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(), value('999999', '1', '-1', '1e3'), async (alt, id) => {
        await answers('uploadMediaAction', alt.length, () =>
          mediaActions.uploadMediaAction(idle, form({ alt })),
        );
        await answers('updateMediaAltAction', alt.length, () =>
          mediaActions.updateMediaAltAction(idle, form({ id, alt })),
        );
        await answers('deleteMediaAction', id.length, () =>
          mediaActions.deleteMediaAction(idle, form({ id })),
        );
      }),
      { numRuns: 60 },
    );
    for (const [shape, unit] of NAMED_UNITS)
      await answers(`alt ${shape}`, MB, () =>
        mediaActions.updateMediaAltAction(idle, form({ id: '999999', alt: fill(unit, MB) })),
      );
    await answers('empty file', 1, () =>
      mediaActions.uploadMediaAction(idle, form({ alt: 'x', file: new File([], 'x.png') })),
    );
  });

  it('the user actions (createUserSchema, changeRoleSchema, userIdFormSchema) answer any form', async () => {
    // Never the admin's own id, which a valid form would demote or deactivate mid-test.
    const userId = value('999999', '-1', '1e3', 'x').filter((id) => Number(id) !== adminId);
    await fc.assert(
      fc.asyncProperty(
        value('invite', 'password'),
        value('new@hostile.test'),
        value('Kim'),
        value('admin', 'editor', 'writer'),
        userId,
        async (method, email, name, role, id) => {
          const size = method.length + email.length + name.length + role.length + id.length;
          await answers(
            'createUserAction',
            size,
            () =>
              userActions.createUserAction(
                idle,
                form({ method, email, name, role, password: name }),
              ),
            2,
          );
          await answers('changeRoleAction', size, () =>
            userActions.changeRoleAction(idle, form({ userId: id, role })),
          );
          await answers('deactivateUserAction', size, () =>
            userActions.deactivateUserAction(idle, form({ userId: id })),
          );
          await answers('reactivateUserAction', size, () =>
            userActions.reactivateUserAction(idle, form({ userId: id })),
          );
          await answers('resetPasswordAction', size, () =>
            userActions.resetPasswordAction(idle, form({ userId: id })),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the setup and set-password forms (setupSchema, setPasswordSchema) answer any form', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString(10, 200),
        value('a long passphrase nobody uses'),
        value('Kim'),
        value('a@b.test'),
        async (token, password, name, email) => {
          const size = token.length + password.length;
          await answers(
            'setupFirstAdmin',
            size,
            () =>
              setupActions.setupFirstAdmin(
                idle,
                form({ token, name, email, password, confirm: password }),
              ),
            2,
          );
          await answers(
            'setPasswordFromLink',
            size,
            () =>
              setPasswordActions.setPasswordFromLink(
                idle,
                form({ token, password, confirm: password }),
              ),
            2,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the actions reach their schemas as this caller', () => {
  it('each answers invalid input with its validation message, not a refusal', async () => {
    const refused = /Sign in|permission/;
    const states = [
      await importActions.previewImportAction(idle, form({ format: 'pdf', text: 'x' })),
      await importActions.createImportedDraftAction(idle, form({ content: '{}' })),
      await historyActions.restoreRevisionAction(idle, form({ reviewId: 'x', version: 'y' })),
      await mediaActions.uploadMediaAction(idle, form({ alt: '<b>x</b>' })),
      await mediaActions.updateMediaAltAction(idle, form({ id: '999999', alt: '<b>x</b>' })),
      await userActions.createUserAction(idle, form({ method: 'x' })),
      await userActions.changeRoleAction(idle, form({ userId: 'x', role: 'x' })),
      await setupActions.setupFirstAdmin(idle, form({ token: '' })),
      await setPasswordActions.setPasswordFromLink(idle, form({ token: '' })),
    ];
    for (const state of states) {
      expect(state.ok).toBe(false);
      expect(state.message).not.toMatch(refused);
    }
    for (const result of [
      await reviewActions.createReviewAction({}),
      await reviewActions.reviewWorkflowAction({ reviewId: 'x' }),
    ]) {
      expect(result.ok).toBe(false);
      expect(result.message).not.toMatch(refused);
      expect(result).toHaveProperty('errors');
    }
    expect((await saveRequest('{}')).status).toBe(400);
    expect((await mediaRoute.GET(new Request('http://localhost/api/media?page=x'))).status).toBe(
      200,
    );
  });
});

describe('route handlers on hostile requests', LONG, () => {
  it('POST /api/reviews/:id/revisions (saveSchema) answers any body', async () => {
    const body = fc.oneof(
      hostileJson.map((json) => JSON.stringify(json) ?? 'null'),
      fc
        .record({
          baseVersion: fc.oneof(fc.constant(1), hostileJson),
          kind: value('save', 'autosave'),
          message: hostileString(10, 100),
          content: hostileJson,
        })
        .map((json) => JSON.stringify(json)),
      jsonText,
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        await answers('POST revisions', text.length, () => saveRequest(text));
      }),
      { numRuns: 100 },
    );
    const review = newReviewContent();
    for (const [shape, unit] of HOSTILE_UNITS.slice(0, 12)) {
      const text = JSON.stringify({
        baseVersion: 1,
        kind: 'save',
        message: fill(unit, 400_000),
        content: { ...review, dek: fill(unit, 400_000) },
      });
      await answers(`POST revisions ${shape}`, text.length, () => saveRequest(text));
    }
  });

  it('answers any id in the address (parseId)', async () => {
    fc.assert(
      fc.property(hostileString(5, 20), (id) => {
        const parsed = parseId(id);
        expect(parsed === null || (Number.isSafeInteger(parsed) && parsed > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
    for (const id of ['0', '-1', '1e3', '9007199254740993', fill('9', MB), '\ud800'])
      await answers(`POST revisions /${id.slice(0, 10)}`, id.length, () => saveRequest('{}', id));
  });

  it('GET /api/media (querySchema) answers any page', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(5, 100), async (page) => {
        const url = `http://localhost/api/media?page=${encodeURIComponent(page.toWellFormed())}`;
        await answers('GET media', page.length, () => mediaRoute.GET(new Request(url)));
      }),
      { numRuns: 100 },
    );
  });
});

const withoutNul = (q: string | string[] | undefined) =>
  Array.isArray(q) ? q.map((item) => item.replaceAll('\u0000', '')) : q?.replaceAll('\u0000', '');

describe('pages on hostile query strings', LONG, () => {
  // searchParamsSchema (search), filterSchema (reviews, audit) and pageSchema (media): every
  // field falls back to its default, so any address renders the page.
  const param = fc.oneof(
    hostileString(10, 200).map((text) => text.toWellFormed()),
    fc.array(hostileString(3, 20), { maxLength: 3 }),
    fc.constantFrom(undefined, '', '0', '-1', '1e9', 'published', 'review.publish', '2'),
  );
  it.each(Object.keys(pages) as Array<keyof typeof pages>)(
    'the %s page renders for any query',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ q: param, page: param, status: param, action: param, actor: param }),
          async (query) => {
            // The staff search still fails on NUL (the open finding below): kept out here.
            const q = name === 'reviews' ? withoutNul(query.q) : query.q;
            await renders(`${name} page`, JSON.stringify(query).length, () =>
              pages[name]({ searchParams: Promise.resolve({ ...query, q }) }),
            );
          },
        ),
        { numRuns: 40 },
      );
      for (const [, unit] of HOSTILE_UNITS.slice(0, 8)) {
        const big = fill(unit, MB).toWellFormed();
        await renders(`${name} page, 1 MB`, MB, () =>
          pages[name]({
            searchParams: Promise.resolve({
              q: big,
              page: big,
              status: big,
              action: big,
              actor: big,
            }),
          }),
        );
      }
    },
  );

  // OPEN FINDING (db/queries/admin-reviews.ts, outside this suite's fixes): a staff search of
  // three or more characters is quoted into an FTS5 trigram MATCH with any NUL in it, and FTS5
  // reads the query as a C string: "SqliteError: unterminated string", a 500 on /admin. Drop
  // NUL from the search there; then this test fails and should become a plain `it`.
  it('the reviews page with a NUL in a search (FTS5 once ended the quoted string there: a 500)', async () => {
    await renders('reviews page, NUL', 3, () =>
      pages.reviews({ searchParams: Promise.resolve({ q: 'a\u0000bc' }) }),
    );
  });
});
