import type { CopyEngine } from './engine';
import type { Endpoint } from './endpoints';
import { openPostgresDestination, openPostgresSource } from './postgres-engine';
import { openSqliteDestination, openSqliteSource } from './sqlite-engine';

/** The source, opened read-only and checked to be at this checkout's migrations. */
export function openSource(endpoint: Endpoint): Promise<CopyEngine> {
  return endpoint.kind === 'sqlite' ? openSqliteSource(endpoint) : openPostgresSource(endpoint);
}

/** The destination, checked empty (or reset with --force) and migrated, ready for rows. */
export function openDestination(endpoint: Endpoint, force: boolean): Promise<CopyEngine> {
  return endpoint.kind === 'sqlite'
    ? openSqliteDestination(endpoint, force)
    : openPostgresDestination(endpoint, force);
}
