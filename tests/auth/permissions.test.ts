import { describe, expect, it } from 'vitest';
import {
  can,
  PERMISSIONS,
  type Action,
  type Actor,
  type MediaResource,
  type ReviewResource,
} from '../../lib/auth/permissions';
import { USER_ROLES, type UserRole } from '../../lib/content/vocabulary';

// The permission map, asked about every action for every role and every kind of review. The
// actions are read from PERMISSIONS itself, so a new action without an expectation here fails.

const ACTOR_ID = 7;
const OTHER_ID = 8;

/** The situations a decision can be asked about: no review, or a review of some owner and status. */
const CONTEXTS = {
  noReview: undefined,
  ownDraft: { authorId: ACTOR_ID, status: 'draft' },
  ownInReview: { authorId: ACTOR_ID, status: 'in_review' },
  ownScheduled: { authorId: ACTOR_ID, status: 'scheduled' },
  ownPublished: { authorId: ACTOR_ID, status: 'published' },
  ownArchived: { authorId: ACTOR_ID, status: 'archived' },
  otherDraft: { authorId: OTHER_ID, status: 'draft' },
  otherPublished: { authorId: OTHER_ID, status: 'published' },
  authorlessDraft: { authorId: null, status: 'draft' },
} satisfies Record<string, ReviewResource | undefined>;
type Context = keyof typeof CONTEXTS;
const CONTEXT_NAMES = Object.keys(CONTEXTS) as Context[];

type Expectation = Record<Context, boolean>;

function only(...allowed: Context[]): Expectation {
  return Object.fromEntries(
    CONTEXT_NAMES.map((context) => [context, allowed.includes(context)]),
  ) as Expectation;
}
const ALWAYS = only(...CONTEXT_NAMES);
const NEVER = only();
/** The writer's own reviews, in any status; never without a review to look at. */
const OWN = only('ownDraft', 'ownInReview', 'ownScheduled', 'ownPublished', 'ownArchived');
/** The writer's own reviews while they are drafts. */
const OWN_DRAFT = only('ownDraft');

const EXPECTED: Record<UserRole, Record<string, Expectation>> = {
  admin: {
    'admin:access': ALWAYS,
    'review:list-all': ALWAYS,
    'review:create': ALWAYS,
    'review:read': ALWAYS,
    'review:edit': ALWAYS,
    'review:submit': ALWAYS,
    'review:request-changes': ALWAYS,
    'review:publish': ALWAYS,
    'review:unpublish': ALWAYS,
    'review:archive': ALWAYS,
    'review:delete': ALWAYS,
    'taxonomy:manage': ALWAYS,
    'media:upload': ALWAYS,
    'media:edit': ALWAYS,
    'media:delete': ALWAYS,
    'user:manage': ALWAYS,
    'audit:read': ALWAYS,
  },
  editor: {
    'admin:access': ALWAYS,
    'review:list-all': ALWAYS,
    'review:create': ALWAYS,
    'review:read': ALWAYS,
    'review:edit': ALWAYS,
    'review:submit': ALWAYS,
    'review:request-changes': ALWAYS,
    'review:publish': ALWAYS,
    'review:unpublish': ALWAYS,
    'review:archive': ALWAYS,
    'review:delete': ALWAYS,
    'taxonomy:manage': ALWAYS,
    'media:upload': ALWAYS,
    'media:edit': ALWAYS,
    'media:delete': ALWAYS,
    'user:manage': NEVER,
    'audit:read': NEVER,
  },
  writer: {
    'admin:access': ALWAYS,
    'review:list-all': NEVER,
    'review:create': ALWAYS,
    'review:read': OWN,
    'review:edit': OWN_DRAFT,
    'review:submit': OWN_DRAFT,
    'review:request-changes': NEVER,
    'review:publish': NEVER,
    'review:unpublish': NEVER,
    'review:archive': NEVER,
    'review:delete': NEVER,
    'taxonomy:manage': NEVER,
    'media:upload': ALWAYS,
    // Asked about an image, the owner is its uploader (tested below); about a review, its author.
    'media:edit': OWN,
    'media:delete': OWN,
    'user:manage': NEVER,
    'audit:read': NEVER,
  },
};

const actor = (role: UserRole): Actor => ({ id: ACTOR_ID, role });

describe('the permission map', () => {
  it('has a rule for every role, and every role knows the same actions', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...USER_ROLES].sort());
    const adminActions = Object.keys(PERMISSIONS.admin).sort();
    for (const role of USER_ROLES)
      expect(Object.keys(PERMISSIONS[role]).sort()).toEqual(adminActions);
  });

  for (const role of USER_ROLES) {
    describe(`${role}`, () => {
      const actions = Object.keys(PERMISSIONS[role]) as Action[];

      it.each(actions)(`has an expectation in this test for %s`, (action) => {
        expect(EXPECTED[role][action], `add ${role} / ${action} to EXPECTED`).toBeDefined();
      });

      it.each(actions)(`%s is allowed exactly where expected`, (action) => {
        const expected = EXPECTED[role][action];
        expect(expected).toBeDefined();
        const actual = Object.fromEntries(
          CONTEXT_NAMES.map((context) => [context, can(actor(role), action, CONTEXTS[context])]),
        );
        expect(actual).toEqual(expected);
      });
    });
  }

  it('lets nobody do anything without a signed-in actor', () => {
    for (const action of Object.keys(PERMISSIONS.admin) as Action[]) {
      for (const context of CONTEXT_NAMES) {
        expect(can(null, action, CONTEXTS[context]), `${action} / ${context}`).toBe(false);
      }
    }
  });
});

describe('the decisions users rely on', () => {
  const admin = actor('admin');
  const editor = actor('editor');
  const writer = actor('writer');
  const othersPublished: ReviewResource = { authorId: OTHER_ID, status: 'published' };

  it('lets only admins manage users and read the audit log', () => {
    expect(can(admin, 'user:manage')).toBe(true);
    expect(can(admin, 'audit:read')).toBe(true);
    expect(can(editor, 'user:manage')).toBe(false);
    expect(can(editor, 'audit:read')).toBe(false);
    expect(can(writer, 'user:manage')).toBe(false);
    expect(can(writer, 'audit:read')).toBe(false);
  });

  it("lets an editor publish, unpublish, archive and delete anyone's review", () => {
    for (const action of [
      'review:publish',
      'review:unpublish',
      'review:archive',
      'review:delete',
    ] as const) {
      expect(can(editor, action, othersPublished), action).toBe(true);
    }
    expect(can(editor, 'taxonomy:manage')).toBe(true);
  });

  it('lets a writer edit and submit only their own draft', () => {
    expect(can(writer, 'review:create')).toBe(true);
    expect(can(writer, 'review:edit', { authorId: ACTOR_ID, status: 'draft' })).toBe(true);
    expect(can(writer, 'review:submit', { authorId: ACTOR_ID, status: 'draft' })).toBe(true);
    expect(can(writer, 'review:edit', { authorId: ACTOR_ID, status: 'published' })).toBe(false);
    expect(can(writer, 'review:submit', { authorId: ACTOR_ID, status: 'in_review' })).toBe(false);
    expect(can(writer, 'review:edit', { authorId: OTHER_ID, status: 'draft' })).toBe(false);
    expect(can(writer, 'review:read', othersPublished)).toBe(false);
    expect(can(writer, 'review:publish', { authorId: ACTOR_ID, status: 'draft' })).toBe(false);
  });

  it('answers no to a rule that depends on the review when asked without one', () => {
    expect(can(writer, 'review:read')).toBe(false);
    expect(can(writer, 'review:edit')).toBe(false);
    expect(can(writer, 'review:submit')).toBe(false);
  });

  it('compares the author by id, so another user with the same role is not the owner', () => {
    const colleague: Actor = { id: OTHER_ID, role: 'writer' };
    const mine: ReviewResource = { authorId: ACTOR_ID, status: 'draft' };
    expect(can(writer, 'review:edit', mine)).toBe(true);
    expect(can(colleague, 'review:edit', mine)).toBe(false);
    expect(can(colleague, 'review:read', mine)).toBe(false);
  });
});

describe('decisions about a media-library image', () => {
  const mine: MediaResource = { authorId: ACTOR_ID };
  const theirs: MediaResource = { authorId: OTHER_ID };
  const orphaned: MediaResource = { authorId: null };

  it('lets editors and admins change or delete any image', () => {
    for (const role of ['editor', 'admin'] as const) {
      for (const action of ['media:edit', 'media:delete'] as const) {
        for (const image of [mine, theirs, orphaned]) {
          expect(can(actor(role), action, image), `${role} ${action}`).toBe(true);
        }
      }
    }
  });

  it('lets a writer change or delete only their own uploads', () => {
    const writer = actor('writer');
    for (const action of ['media:edit', 'media:delete'] as const) {
      expect(can(writer, action, mine), action).toBe(true);
      expect(can(writer, action, theirs), action).toBe(false);
      // An image whose uploader's account is gone belongs to no writer.
      expect(can(writer, action, orphaned), action).toBe(false);
      // Asked without the image, the rule that depends on it answers no.
      expect(can(writer, action), action).toBe(false);
    }
  });

  it('never treats an image as a draft: a writer cannot edit a review through one', () => {
    expect(can(actor('writer'), 'review:edit', mine)).toBe(false);
    expect(can(actor('writer'), 'review:submit', mine)).toBe(false);
  });

  it('gives the image rules to whoever may upload, and no one signed out', () => {
    for (const role of USER_ROLES) expect(can(actor(role), 'media:upload')).toBe(true);
    expect(can(null, 'media:delete', mine)).toBe(false);
  });
});
