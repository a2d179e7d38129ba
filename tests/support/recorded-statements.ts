import type Database from 'better-sqlite3';
import { vi } from 'vitest';
import type { Db } from '../../db/client';
import { sqliteClientsOf } from '../../db/engine/sqlite';

export type RecordedStatement = { sql: string; params: unknown[] };

/**
 * The statements `run` executes on a SQLite database, as its connections see them, with
 * their parameters: reads run on the read connection and writes on the write connection,
 * so both are recorded.
 */
export async function recordedStatements(
  db: Db,
  run: () => Promise<unknown>,
): Promise<RecordedStatement[]> {
  const statements: RecordedStatement[] = [];
  const connections = [...new Set(Object.values(sqliteClientsOf(db)))];
  const spies = connections.map((connection: Database.Database) => {
    const prepare = connection.prepare.bind(connection);
    return vi.spyOn(connection, 'prepare').mockImplementation(((source: string) => {
      const statement = prepare(source);
      for (const method of ['all', 'get', 'run', 'iterate'] as const) {
        const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
        Object.defineProperty(statement, method, {
          value: (...params: unknown[]) => {
            statements.push({ sql: source, params });
            return original(...params);
          },
        });
      }
      return statement;
    }) as typeof connection.prepare);
  });
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return statements;
}
