import { defineConfig } from 'drizzle-kit';

// The PostgreSQL engine's migrations (issue 16), generated from db/schema-postgres.ts beside the
// SQLite ones (drizzle.config.ts). As there, only `generate` is used: the SQL files are committed
// and applied by the app's migrator, never pushed straight from the schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-postgres.ts',
  out: './drizzle/postgres',
  strict: true,
  verbose: true,
});
