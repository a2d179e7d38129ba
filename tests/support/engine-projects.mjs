// The test files that run on SQLite only. Everything else runs on both engines.
// Each is about SQLite itself, so PostgreSQL has its own counterpart or none is needed. (The
// engine-independent ones, at the end, run once too: in the sqlite project.)
export const SQLITE_ONLY_TESTS = [
  // The SQLite file: its pragmas, its migrations from old versions, its online backup.
  'tests/db/migrations.test.ts',
  'tests/db/scale-migration.test.ts',
  'tests/db/backup.test.ts',
  // SQLite's constraints and triggers as raw SQL sees them (schema-parity and
  // postgres-migrations cover PostgreSQL's).
  'tests/db/constraints.test.ts',
  // The bulk fixture writer works on the SQLite file directly.
  'tests/db/fixtures.test.ts',
  // SQLite's query planner (EXPLAIN QUERY PLAN; query-plans.postgres.test.ts is PostgreSQL's)
  // and the FTS5 query syntax.
  'tests/db/query-plans.test.ts',
  'tests/search/fts-query.test.ts',
  'tests/security/hostile-input/fts-query.test.ts',
  // SQLite's query plans for media reads, and its 0007/0009 migrations' backfills re-run
  // (PostgreSQL starts with both tables); visibility.test.ts checks the rows on both engines.
  'tests/media/visibility.sqlite.test.ts',
  // SQLite's query plans for finding where an image is used (manage.test.ts: what they find).
  'tests/media/manage.sqlite.test.ts',
  // These open the engines they test themselves, whatever the project: run once.
  'tests/db/db-copy.test.ts',
  'tests/db/schema-parity.test.ts',
  'tests/db/postgres-migrations.test.ts',
];

// The test files that run on PostgreSQL only: PostgreSQL's own tools (pg_dump) and planner
// (EXPLAIN; query-plans.test.ts is SQLite's).
export const POSTGRES_ONLY_TESTS = [
  'tests/db/backup-postgres.test.ts',
  'tests/db/query-plans.postgres.test.ts',
  // PostgreSQL's own search: unaccent folding and the GIN and trigram indexes its plans use.
  'tests/search/postgres-search.test.ts',
];

// The test files that use no database at all: run once, in the sqlite project.
export const ENGINE_INDEPENDENT_TESTS = [
  // The shared cache in Redis (REDIS_URL) and what /api/health says of it.
  'tests/cache/redis-cache-handler.test.ts',
  'tests/cache/shared-cache-state.test.ts',
  // The CDN purge hook (CDN_PURGE_URL), against a local HTTP server.
  'tests/cache/cdn-purge.test.ts',
  // server.mjs's page cache in front of Next, over a local HTTP server: no database.
  'tests/net/page-cache.test.ts',
  // The benchmark's reading of wrk's report.
  'tests/bench/wrk-output.test.ts',
  // The writing canvas's document model and editing (ProseMirror state, no database).
  'tests/content/canvas-document.test.ts',
  'tests/content/canvas-editing.test.ts',
];
