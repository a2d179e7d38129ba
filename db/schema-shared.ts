import { sql, type Column, type SQL } from 'drizzle-orm';

// Helpers used by both dialects' schemas (db/schema.ts for SQLite, db/schema-postgres.ts for
// PostgreSQL), so a check built from a vocabulary renders the same SQL on each engine.

/** `column IN ('a', 'b')` for a check constraint; the values come from our own vocabularies. */
export function oneOf(column: Column, values: readonly string[]): SQL {
  const list = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
  return sql`${column} in (${sql.raw(list)})`;
}
