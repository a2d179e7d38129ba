import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used: migrations are committed SQL files applied by
// db/migrate.ts, never pushed straight from the schema.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema-sqlite.ts',
  out: './drizzle/sqlite',
  strict: true,
  verbose: true,
});
