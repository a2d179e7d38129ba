import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseLabel } from '../../lib/database-path';

// What --from and --to name: a PostgreSQL server (postgres:// or postgresql://) or a SQLite
// file (a path or a file: URL). Anything else with a scheme is refused rather than read as a
// strange file name, so a typo such as `postgress://` cannot create a file called that.

export class CopyError extends Error {}

export type Endpoint =
  | { kind: 'sqlite'; path: string; label: string }
  | { kind: 'postgres'; url: string; label: string; host: string; port: number; database: string };

const POSTGRES_SCHEME = /^postgres(?:ql)?:\/\//i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Parses one endpoint; relative paths are taken from `base` (where the operator typed the command). */
export function parseEndpoint(value: string, base: string): Endpoint {
  const text = value.trim();
  if (POSTGRES_SCHEME.test(text)) return postgresEndpoint(text);
  if (text.startsWith('file:')) {
    const file = text.startsWith('file://') ? fileURLToPath(text) : text.slice('file:'.length);
    return sqliteEndpoint(path.resolve(base, file));
  }
  if (ANY_SCHEME.test(text)) {
    throw new CopyError(
      `"${redact(text)}" is neither a SQLite file path nor a postgres:// or postgresql:// URL.`,
    );
  }
  if (text === '' || text === ':memory:') throw new CopyError(`"${text}" names no database file.`);
  return sqliteEndpoint(path.resolve(base, text));
}

function sqliteEndpoint(file: string): Endpoint {
  return { kind: 'sqlite', path: file, label: file };
}

function postgresEndpoint(text: string): Endpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CopyError(`"${redact(text)}" is not a valid PostgreSQL URL.`);
  }
  const host = url.hostname || 'localhost';
  const port = url.port ? Number(url.port) : 5432;
  const database =
    decodeURIComponent(url.pathname.replace(/^\//, '')) || url.username || 'postgres';
  return {
    kind: 'postgres',
    url: text,
    host,
    port,
    database,
    // Printed in progress, summaries and errors: the app's own label, never with the password.
    label: databaseLabel({ engine: 'postgres', url: text }),
  };
}

/** Hides a password in a URL before it is echoed in an error. */
function redact(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return text;
  }
}

/** True when both name the same database (same file, or same server and database name). */
export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return realPath(a.path) === realPath(b.path);
  if (a.kind === 'postgres' && b.kind === 'postgres') {
    const local = (host: string) => (host === 'localhost' || host === '::1' ? '127.0.0.1' : host);
    return (
      local(a.host.toLowerCase()) === local(b.host.toLowerCase()) &&
      a.port === b.port &&
      a.database === b.database
    );
  }
  return false;
}

/** The file a path ends at (through symlinks), or the path itself while it does not exist. */
function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
