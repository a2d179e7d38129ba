import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_PATH, env } from './env';

/** Where the embedded database lives when DATABASE_URL is not set. */
export { DEFAULT_DATABASE_PATH };

/**
 * Resolves DATABASE_URL (a plain path or a `file:` URL) to an absolute file path.
 * `:memory:` is passed through for tests that want a private in-memory database.
 */
export function resolveDatabasePath(url: string | undefined = env().DATABASE_URL): string {
  const value = url?.trim() || DEFAULT_DATABASE_PATH;
  if (value === ':memory:') return value;
  if (value.startsWith('file://')) return fileURLToPath(value);
  if (value.startsWith('file:'))
    return path.resolve(/*turbopackIgnore: true*/ value.slice('file:'.length));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(
      `DATABASE_URL must be a file path or a file: URL for the embedded SQLite database, got "${value}".`,
    );
  }
  // The database lives outside the build's file tracing: it is data, not code.
  return path.resolve(/*turbopackIgnore: true*/ value);
}
