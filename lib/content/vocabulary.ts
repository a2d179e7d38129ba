// The fixed vocabularies of the domain. The database schema (check constraints), the zod
// content schema and the UI all read them from here, so a new value is added in one place.

export const REVIEW_STATUSES = [
  'draft',
  'in_review',
  'scheduled',
  'published',
  'archived',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** How each status is shown to staff. */
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Archived',
};

export const WORK_KINDS = ['film', 'series'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export const SECTION_KINDS = [
  'plot',
  'cast',
  'direction',
  'themes',
  'reception',
  'relevance',
  'availability',
  'verdict',
  'custom',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** The eight standard sections a review starts with, in reading order. */
export const STANDARD_SECTIONS: ReadonlyArray<{ kind: SectionKind; heading: string }> = [
  { kind: 'plot', heading: 'Plot Summary' },
  { kind: 'cast', heading: 'Main Cast and Performances' },
  { kind: 'direction', heading: 'Direction and Cinematic Style' },
  { kind: 'themes', heading: 'Themes and Symbolism' },
  { kind: 'reception', heading: 'Critical Reception and Awards' },
  { kind: 'relevance', heading: 'Cultural and Global Relevance' },
  { kind: 'availability', heading: 'Availability and Distribution' },
  { kind: 'verdict', heading: 'Final Thoughts' },
];

/** How staff screens name each section kind. */
export const SECTION_KIND_LABELS = Object.fromEntries([
  ...STANDARD_SECTIONS.map(({ kind, heading }) => [kind, heading]),
  ['custom', 'Custom'],
]) as Record<SectionKind, string>;

export const CREDIT_ROLES = [
  'director',
  'cast',
  'writer',
  'cinematographer',
  'composer',
  'editor',
  'producer',
] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

/** How each role is labelled for readers, singular and plural. */
export const CREDIT_ROLE_LABELS: Record<CreditRole, { one: string; many: string }> = {
  director: { one: 'Director', many: 'Directors' },
  cast: { one: 'Cast', many: 'Cast' },
  writer: { one: 'Writer', many: 'Writers' },
  cinematographer: { one: 'Cinematographer', many: 'Cinematographers' },
  composer: { one: 'Composer', many: 'Composers' },
  editor: { one: 'Editor', many: 'Editors' },
  producer: { one: 'Producer', many: 'Producers' },
};

export const USER_ROLES = ['admin', 'editor', 'writer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const REVISION_KINDS = [
  'create',
  'autosave',
  'save',
  'submit',
  'publish',
  'restore',
  'import',
  'seed',
] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

export const TOKEN_PURPOSES = ['setup', 'invite', 'reset'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Everything the audit log records. Review actions are written by the editor's data layer. */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.lockout',
  'auth.sign_out',
  'auth.setup',
  'user.create',
  'user.role_change',
  'user.deactivate',
  'user.reactivate',
  'user.password_reset_link',
  'user.password_set',
  'review.create',
  'review.import',
  'review.submit',
  'review.request_changes',
  'review.schedule',
  'review.publish',
  'review.unpublish',
  'review.archive',
  'review.delete',
  'review.restore',
  'media.upload',
  'media.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
