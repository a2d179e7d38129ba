import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import {
  AUDIT_ACTIONS,
  CREDIT_ROLES,
  TOKEN_PURPOSES,
  REVIEW_STATUSES,
  REVISION_KINDS,
  SECTION_KINDS,
  USER_ROLES,
  WORK_KINDS,
} from '../lib/content/vocabulary';
import { oneOf } from './schema-shared';

// The data model has two sides (docs/architecture.md):
// - the editing side: `reviews` (one row per review: identity, workflow state and a summary of
//   the working copy) and `review_revisions` (immutable snapshots of the whole review);
// - the reading side: `published_reviews`, `sections`, `credits` and `review_genres`, a
//   projection of exactly one revision per review, rewritten only by publishing.
// Reader pages query the reading side only, so a draft cannot reach them.

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date());
const updatedAt = () =>
  integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date());

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stored lower-cased and trimmed, so the unique index is case-insensitive in effect. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    /** argon2id PHC string; null until the user has chosen a password. */
    passwordHash: text('password_hash'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Bumped on deactivation, role or password change; sessions carrying an older value are refused. */
    sessionVersion: integer('session_version').notNull().default(1),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    check('users_role_check', oneOf(t.role, USER_ROLES)),
    check('users_email_lowercase_check', sql`${t.email} = lower(trim(${t.email}))`),
  ],
);

export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('draft'),
    // Summary of the working copy (the head revision), kept in step with it on every save so the
    // admin can list, filter and search reviews without reading revision JSON.
    headline: text('headline').notNull().default(''),
    dek: text('dek').notNull().default(''),
    workTitle: text('work_title').notNull().default(''),
    originalTitle: text('original_title'),
    year: integer('year'),
    kind: text('kind', { enum: WORK_KINDS }).notNull().default('film'),
    /** JSON array of ISO 3166-1 alpha-2 codes. */
    countries: text('countries', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** JSON array of ISO 639-1 codes. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
    runtimeMinutes: integer('runtime_minutes'),
    ratingValue: real('rating_value'),
    ratingScale: integer('rating_scale'),
    /** References the media library (added with the editor); null when there is no poster. */
    posterMediaId: integer('poster_media_id'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    scheduledFor: integer('scheduled_for', { mode: 'timestamp_ms' }),
    /** The head revision's version: every save increments it; a save based on an older one is stale. */
    version: integer('version').notNull().default(1),
    /** The revision the reader site shows; null while the review has never been published. */
    publishedRevisionId: integer('published_revision_id').references(
      (): AnySQLiteColumn => reviewRevisions.id,
      { onDelete: 'set null' },
    ),
  },
  (t) => [
    uniqueIndex('reviews_slug_unique').on(t.slug),
    index('reviews_status_updated_idx').on(t.status, t.updatedAt),
    index('reviews_updated_idx').on(t.updatedAt),
    index('reviews_author_updated_idx').on(t.authorId, t.updatedAt),
    // The scheduler's due query (status = 'scheduled' and scheduled_for <= now), every 5 s.
    index('reviews_status_scheduled_idx').on(t.status, t.scheduledFor),
    // Deleting a review deletes its revisions, and each deleted revision makes SQLite look for
    // rows pointing at it (on delete set null): without this, a full scan of reviews per revision.
    index('reviews_published_revision_idx').on(t.publishedRevisionId),
    check('reviews_status_check', oneOf(t.status, REVIEW_STATUSES)),
    check('reviews_kind_check', oneOf(t.kind, WORK_KINDS)),
    check(
      'reviews_slug_format_check',
      sql`${t.slug} glob '[a-z0-9]*' and ${t.slug} not glob '*[^a-z0-9-]*'`,
    ),
    check('reviews_version_check', sql`${t.version} >= 1`),
    check(
      'reviews_rating_check',
      sql`(${t.ratingValue} is null and ${t.ratingScale} is null) or (${t.ratingScale} > 0 and ${t.ratingValue} between 0 and ${t.ratingScale})`,
    ),
    check(
      'reviews_scheduled_check',
      sql`${t.status} <> 'scheduled' or ${t.scheduledFor} is not null`,
    ),
  ],
);

export const reviewRevisions = sqliteTable(
  'review_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The version the author was editing when they saved; null for the first revision. */
    baseVersion: integer('base_version'),
    kind: text('kind', { enum: REVISION_KINDS }).notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    message: text('message'),
    /** The whole review as validated by lib/content/review-content.ts (`ReviewContent`). */
    content: text('content').notNull(),
  },
  (t) => [
    uniqueIndex('review_revisions_review_version_unique').on(t.reviewId, t.version),
    check('review_revisions_kind_check', oneOf(t.kind, REVISION_KINDS)),
    check('review_revisions_content_json_check', sql`json_valid(${t.content})`),
  ],
);

// ---- The reading side: written only by publishing (db/reviews/projection.ts). ----

export const publishedReviews = sqliteTable(
  'published_reviews',
  {
    reviewId: integer('review_id')
      .primaryKey()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    revisionId: integer('revision_id')
      .notNull()
      .references(() => reviewRevisions.id),
    slug: text('slug').notNull(),
    headline: text('headline').notNull(),
    dek: text('dek').notNull(),
    workTitle: text('work_title').notNull(),
    originalTitle: text('original_title'),
    year: integer('year'),
    kind: text('kind', { enum: WORK_KINDS }).notNull(),
    countries: text('countries', { mode: 'json' }).$type<string[]>().notNull(),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
    runtimeMinutes: integer('runtime_minutes'),
    ratingValue: real('rating_value'),
    ratingScale: integer('rating_scale'),
    posterMediaId: integer('poster_media_id'),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** First publication. */
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
    /** Latest publication of a new revision. */
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('published_reviews_slug_unique').on(t.slug),
    index('published_reviews_published_idx').on(t.publishedAt),
    // The sitemap lists reviews by their last change.
    index('published_reviews_updated_idx').on(t.updatedAt),
    // The foreign key from review_revisions, checked when a review's revisions are deleted.
    index('published_reviews_revision_idx').on(t.revisionId),
    check('published_reviews_kind_check', oneOf(t.kind, WORK_KINDS)),
  ],
);

export const sections = sqliteTable(
  'sections',
  {
    /** Stable id (UUID) carried through every revision of the review. */
    id: text('id').primaryKey(),
    reviewId: integer('review_id')
      .notNull()
      .references(() => publishedReviews.reviewId, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SECTION_KINDS }).notNull(),
    heading: text('heading').notNull(),
    /** Tiptap/ProseMirror JSON, validated against lib/content/rich-text before it is stored. */
    body: text('body').notNull(),
    spoiler: integer('spoiler', { mode: 'boolean' }).notNull().default(false),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('sections_review_position_unique').on(t.reviewId, t.position),
    check('sections_kind_check', oneOf(t.kind, SECTION_KINDS)),
    check('sections_body_json_check', sql`json_valid(${t.body})`),
  ],
);

export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_slug_unique').on(t.slug),
    // The editor's suggestions list people by name.
    index('people_name_idx').on(t.name),
  ],
);

export const credits = sqliteTable(
  'credits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => publishedReviews.reviewId, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    role: text('role', { enum: CREDIT_ROLES }).notNull(),
    /** The character played; only cast credits have one. */
    character: text('character'),
    position: integer('position').notNull(),
    /**
     * The review's first publication (published_reviews.published_at), copied here so that a
     * person's page reads their newest reviews straight from an index, however many they have.
     */
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('credits_review_position_idx').on(t.reviewId, t.position),
    index('credits_person_published_idx').on(t.personId, t.publishedAt, t.reviewId),
    check('credits_role_check', oneOf(t.role, CREDIT_ROLES)),
    check('credits_character_check', sql`${t.role} = 'cast' or ${t.character} is null`),
  ],
);

export const genres = sqliteTable(
  'genres',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
  },
  (t) => [uniqueIndex('genres_slug_unique').on(t.slug)],
);

export const reviewGenres = sqliteTable(
  'review_genres',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => publishedReviews.reviewId, { onDelete: 'cascade' }),
    genreId: integer('genre_id')
      .notNull()
      .references(() => genres.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    /** As credits.published_at: a genre page reads its newest reviews straight from an index. */
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.genreId] }),
    index('review_genres_genre_published_idx').on(t.genreId, t.publishedAt, t.reviewId),
  ],
);

/**
 * Which media each published review shows: its poster and every image in its sections
 * (spoilers included: readers can open them). Rewritten with the projection by publishing
 * (db/reviews/projection.ts) and removed with it by the cascade when a review is unpublished,
 * archived or deleted. The media route serves a file to anyone only when its id is here.
 * No foreign key to `media`: a revision may name an id that has no row, which serves nothing.
 */
export const publishedMedia = sqliteTable(
  'published_media',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => publishedReviews.reviewId, { onDelete: 'cascade' }),
    mediaId: integer('media_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.mediaId] }),
    // "Does any published review use this image?", asked by every anonymous media request.
    index('published_media_media_idx').on(t.mediaId),
  ],
);

/**
 * The images each review's working copy (its newest revision) shows, as its poster or in a
 * section: written with every revision (db/reviews/write.ts), so "which reviews use image N?"
 * (the media library's where-used and delete) is an index lookup, never a read of every
 * review's JSON.
 */
export const workingMedia = sqliteTable(
  'working_media',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    mediaId: integer('media_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.mediaId] }),
    index('working_media_media_idx').on(t.mediaId),
  ],
);

// ---- Staff accounts (lib/auth, db/auth). ----

/**
 * One row per sign-in. The session cookie (a next-auth JWT) carries only this row's id, so
 * sign-out, idle timeout and the absolute lifetime are decided here, on the server.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    /** Random, unguessable; the JWT's `sid`. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The user's session_version when the session began; a later bump ends the session. */
    sessionVersion: integer('session_version').notNull(),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Who has a review open in the editor, refreshed by a heartbeat; rows older than a minute are
 * ignored and pruned. Not history: nothing else depends on it.
 */
export const reviewPresence = sqliteTable(
  'review_presence',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.userId] }),
    index('review_presence_seen_idx').on(t.lastSeenAt),
  ],
);

/** Failed sign-ins per account ("email:…") and per client ("ip:…"), kept across restarts. */
export const authThrottles = sqliteTable('auth_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: integer('window_started_at', { mode: 'timestamp_ms' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
});

/** One-time links: first-admin setup, invitations and password resets. Only a hash is stored. */
export const userTokens = sqliteTable(
  'user_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null for the first-admin setup token, which exists before any user. */
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
    /** SHA-256 of the token, hex. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('user_tokens_hash_unique').on(t.tokenHash),
    index('user_tokens_user_idx').on(t.userId),
    check('user_tokens_purpose_check', oneOf(t.purpose, TOKEN_PURPOSES)),
  ],
);

/**
 * Append-only record of security-relevant events. Triggers in the migration refuse every
 * UPDATE and DELETE, so not even a bug in the app can rewrite history.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: createdAt(),
    /** The user who acted; null for anonymous attempts and the system. No foreign key: kept forever. */
    actorId: integer('actor_id'),
    /** The actor's email at the time, or the email typed in a failed sign-in. */
    actorEmail: text('actor_email'),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    ip: text('ip'),
    /** Extra facts as JSON (for example a role change's old and new role). */
    details: text('details'),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_actor_created_idx').on(t.actorId, t.createdAt),
    // No check constraint on `action`: new actions arrive with new features, and SQLite can
    // only change a check by rebuilding the table, which an append-only log should not undergo.
    index('audit_log_action_created_idx').on(t.action, t.createdAt),
  ],
);

// ---- Media library and review URLs (the editor). ----

/** An uploaded image. The files (original and resized WebP variants) live under UPLOADS_DIR/<storageKey>/. */
export const media = sqliteTable(
  'media',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Random folder name; never derived from the uploaded file's name. */
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    /** Detected from the content: image/jpeg, image/png, image/webp or image/avif. */
    mimeType: text('mime_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    /** Widths of the WebP variants generated, as a JSON array. */
    variants: text('variants', { mode: 'json' }).$type<number[]>().notNull(),
    /** Suggested alt text; each use in a review carries its own, required, alt text. */
    alt: text('alt').notNull().default(''),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('media_storage_key_unique').on(t.storageKey),
    index('media_created_idx').on(t.createdAt),
  ],
);

/** Old public slugs of a review: /reviews/<old> answers with a permanent redirect to the current one. */
export const slugRedirects = sqliteTable(
  'slug_redirects',
  {
    slug: text('slug').primaryKey(),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('slug_redirects_review_idx').on(t.reviewId)],
);

/**
 * "Request changes": an editor sends a submitted review back to its writer with a note. The
 * writer sees the newest note at the top of the editor until submitting again; history shows
 * every note beside the version it was about. Append-only, like revisions.
 */
export const changeRequests = sqliteTable(
  'change_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    /** The review's version when the changes were requested. */
    version: integer('version').notNull(),
    requestedBy: integer('requested_by').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('change_requests_review_idx').on(t.reviewId, t.createdAt),
    check('change_requests_note_check', sql`length(${t.note}) between 1 and 2000`),
  ],
);
