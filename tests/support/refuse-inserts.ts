import type { Db } from '../../db/client';
import { engineOf } from '../../db/engine/dialect';
import { execute } from './raw-sql';
import { rawSqlite } from './raw-sqlite';

/**
 * Makes every insert into `table` fail with `message` until the returned function is called: a
 * simulated failure of the database just as the app writes a row. On SQLite, a TEMP trigger on
 * the write connection (RAISE(ABORT)); on PostgreSQL, a trigger on the table of the test's own
 * throwaway database (RAISE EXCEPTION). Read the refusal with databaseRefusal (raw-sql.ts):
 * PostgreSQL's reaches the caller as the cause of Drizzle's error.
 */
export async function refuseInserts(
  db: Db,
  table: string,
  message: string,
): Promise<() => Promise<void>> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`Not a table name: ${table}`);
  const text = `'${message.replaceAll("'", "''")}'`;
  const name = `test_refuse_${table}`;
  if (engineOf(db) === 'sqlite') {
    const client = rawSqlite(db);
    client.exec(
      `CREATE TEMP TRIGGER ${name} BEFORE INSERT ON main.${table}
       BEGIN SELECT RAISE(ABORT, ${text}); END`,
    );
    return async () => void client.exec(`DROP TRIGGER temp.${name}`);
  }
  await db.transaction(async (tx) => {
    await execute(
      tx,
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION ${text}; END; $$`,
    );
    await execute(
      tx,
      `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    );
  });
  return async () =>
    await db.transaction(async (tx) => {
      await execute(tx, `DROP TRIGGER ${name} ON ${table}`);
      await execute(tx, `DROP FUNCTION ${name}()`);
    });
}
