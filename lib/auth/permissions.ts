import type { ReviewStatus, UserRole } from '../content/vocabulary';

// The one permission map. The UI asks it which controls to show; the data layer asks it
// before every read of non-public data and every write, and refuses when it says no.

export type Actor = { id: number; role: UserRole };

/** What a review-level decision needs to know about the review. */
export type ReviewResource = { authorId: number | null; status: ReviewStatus };

export type Action =
  | 'admin:access'
  | 'review:list-all'
  | 'review:create'
  | 'review:read'
  | 'review:edit'
  | 'review:submit'
  | 'review:request-changes'
  | 'review:publish'
  | 'review:unpublish'
  | 'review:archive'
  | 'review:delete'
  | 'taxonomy:manage'
  | 'media:upload'
  | 'user:manage'
  | 'audit:read';

type Rule = boolean | ((actor: Actor, review: ReviewResource) => boolean);

const own = (actor: Actor, review: ReviewResource) => review.authorId === actor.id;
const ownDraft = (actor: Actor, review: ReviewResource) =>
  own(actor, review) && review.status === 'draft';

const EDITOR_RULES: Record<Action, Rule> = {
  'admin:access': true,
  'review:list-all': true,
  'review:create': true,
  'review:read': true,
  'review:edit': true,
  'review:submit': true,
  'review:request-changes': true,
  'review:publish': true,
  'review:unpublish': true,
  'review:archive': true,
  'review:delete': true,
  'taxonomy:manage': true,
  'media:upload': true,
  'user:manage': false,
  'audit:read': false,
};

export const PERMISSIONS: Record<UserRole, Record<Action, Rule>> = {
  admin: Object.fromEntries(Object.keys(EDITOR_RULES).map((action) => [action, true])) as Record<
    Action,
    Rule
  >,
  editor: EDITOR_RULES,
  writer: {
    'admin:access': true,
    'review:list-all': false,
    'review:create': true,
    'review:read': own,
    'review:edit': ownDraft,
    'review:submit': ownDraft,
    'review:request-changes': false,
    'review:publish': false,
    'review:unpublish': false,
    'review:archive': false,
    'review:delete': false,
    'taxonomy:manage': false,
    'media:upload': true,
    'user:manage': false,
    'audit:read': false,
  },
};

/**
 * May this actor do this? Review-level actions need the review; asked without one, a rule that
 * depends on the review answers no.
 */
export function can(actor: Actor | null, action: Action, review?: ReviewResource): boolean {
  if (!actor) return false;
  const rule = PERMISSIONS[actor.role][action];
  if (typeof rule === 'boolean') return rule;
  return review ? rule(actor, review) : false;
}
