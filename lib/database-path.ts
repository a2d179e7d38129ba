import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_PATH, env } from './env';

/** Where the embedded database lives when DATABASE_URL is not set. */
export { DEFAULT_DATABASE_PATH };

/** What DATABASE_URL names: a PostgreSQL server, or a SQLite file (or ':memory:'). */
export type DatabaseTarget =
  { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export type DatabaseEngine = DatabaseTarget['engine'];

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/**
 * Resolves DATABASE_URL: a postgres:// or postgresql:// URL names a PostgreSQL server;
 * anything else is a SQLite file, a plain path or a `file:` URL, made absolute. `:memory:` is
 * passed through for tests that want a private in-memory database.
 */
export function resolveDatabaseTarget(
  url: string | undefined = env().DATABASE_URL,
): DatabaseTarget {
  const value = url?.trim() || DEFAULT_DATABASE_PATH;
  if (POSTGRES_URL.test(value)) return { engine: 'postgres', url: value };
  if (value === ':memory:') return { engine: 'sqlite', path: value };
  if (value.startsWith('file://')) return { engine: 'sqlite', path: fileURLToPath(value) };
  if (value.startsWith('file:'))
    return {
      engine: 'sqlite',
      path: path.resolve(/*turbopackIgnore: true*/ value.slice('file:'.length)),
    };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(
      `DATABASE_URL must be a postgres:// URL, or a file path or a file: URL for the embedded SQLite database, got "${value.split('://')[0]}://…".`,
    );
  }
  // The database lives outside the build's file tracing: it is data, not code.
  return { engine: 'sqlite', path: path.resolve(/*turbopackIgnore: true*/ value) };
}

/** The engine DATABASE_URL names. */
export function databaseEngine(url?: string): DatabaseEngine {
  return resolveDatabaseTarget(url).engine;
}

/**
 * The SQLite file DATABASE_URL names, for the tools that work on the file itself (backup,
 * fixtures). Throws on a PostgreSQL URL: those tools say what to use instead.
 */
export function resolveDatabasePath(url?: string): string {
  const target = resolveDatabaseTarget(url);
  if (target.engine === 'postgres') {
    throw new Error('DATABASE_URL names a PostgreSQL server, not a SQLite file.');
  }
  return target.path;
}

/**
 * The folder for the data that lives beside the database: uploads and the generated session
 * key. For SQLite, the database file's folder; for PostgreSQL, ./data (set UPLOADS_DIR and
 * NEXTAUTH_SECRET when several instances share the database).
 */
export function dataFolder(url?: string): string | null {
  const target = resolveDatabaseTarget(url);
  if (target.engine === 'postgres')
    return path.resolve(/*turbopackIgnore: true*/ path.dirname(DEFAULT_DATABASE_PATH));
  if (target.path === ':memory:') return null;
  return path.dirname(/*turbopackIgnore: true*/ target.path);
}

/**
 * How a database is named in messages: the SQLite file, or the PostgreSQL server and database
 * as `postgres://user@host:port/name`, never with the password.
 */
export function databaseLabel(target: DatabaseTarget = resolveDatabaseTarget()): string {
  if (target.engine === 'sqlite') return target.path;
  try {
    const url = new URL(target.url);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    const database =
      decodeURIComponent(url.pathname.replace(/^\//, '')) ||
      decodeURIComponent(url.username) ||
      'postgres';
    return `postgres://${user}${url.hostname || 'localhost'}:${url.port || 5432}/${database}`;
  } catch {
    return 'postgres://(an unreadable URL)';
  }
}
