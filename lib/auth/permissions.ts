import type { ReviewStatus, UserRole } from '../content/vocabulary';

// The one permission map. The UI asks it which controls to show; the data layer asks it
// before every read of non-public data and every write, and refuses when it says no.

export type Actor = { id: number; role: UserRole };

/** What a review-level decision needs to know about the review. */
export type ReviewResource = { authorId: number | null; status: ReviewStatus };

/**
 * What an image-level decision needs to know about a media-library image: who uploaded it,
 * as `authorId` (null once that account is gone), so the ownership rule is the reviews' own.
 */
export type MediaResource = { authorId: number | null };

/** Whatever a rule is asked about: a review, or an image (which has no status). */
export type Resource = ReviewResource | MediaResource;

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
  | 'media:edit'
  | 'media:delete'
  | 'user:manage'
  | 'audit:read';

type Rule = boolean | ((actor: Actor, resource: Resource) => boolean);

const own = (actor: Actor, resource: Resource) => resource.authorId === actor.id;
const ownDraft = (actor: Actor, resource: Resource) =>
  own(actor, resource) && 'status' in resource && resource.status === 'draft';

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
  // Changing an image's suggested alt text or deleting it (db/media/manage.ts): editors and
  // admins any image, writers only their own uploads. A delete is refused for everyone while a
  // review uses the image, whoever uploaded it.
  'media:edit': true,
  'media:delete': true,
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
    'media:edit': own,
    'media:delete': own,
    'user:manage': false,
    'audit:read': false,
  },
};

/**
 * May this actor do this? Review-level actions need the review (image-level ones the image);
 * asked without one, a rule that depends on it answers no.
 */
export function can(actor: Actor | null, action: Action, resource?: Resource): boolean {
  if (!actor) return false;
  const rule = PERMISSIONS[actor.role][action];
  if (typeof rule === 'boolean') return rule;
  return resource ? rule(actor, resource) : false;
}
