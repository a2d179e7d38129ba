import { databaseEngine } from '../lib/database-path';
import * as postgres from './schema-postgres';
import * as sqlite from './schema-sqlite';

// The tables every query in db/ is written against, for the engine DATABASE_URL names.
//
// Drizzle has no dialect-neutral table: db/schema-sqlite.ts and db/schema-postgres.ts define
// the same tables for each engine (tests/db/schema-parity.test.ts keeps them equal, column by
// column). Queries are typed against the SQLite tables, and on PostgreSQL the matching
// PostgreSQL tables stand in, with the node-postgres database of db/engine/postgres.ts; the
// values they give and take are the same JavaScript types on both (docs/architecture.md).
// The engine is fixed for the life of a process: it is read once, when this module loads.
const active = (databaseEngine() === 'postgres' ? postgres : sqlite) as unknown as typeof sqlite;

export const users = active.users;
export const reviews = active.reviews;
export const reviewRevisions = active.reviewRevisions;
export const publishedReviews = active.publishedReviews;
export const sections = active.sections;
export const people = active.people;
export const credits = active.credits;
export const genres = active.genres;
export const reviewGenres = active.reviewGenres;
export const publishedMedia = active.publishedMedia;
export const workingMedia = active.workingMedia;
export const sessions = active.sessions;
export const reviewPresence = active.reviewPresence;
export const authThrottles = active.authThrottles;
export const userTokens = active.userTokens;
export const auditLog = active.auditLog;
export const media = active.media;
export const slugRedirects = active.slugRedirects;
export const changeRequests = active.changeRequests;
