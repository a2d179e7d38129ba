import fs from 'node:fs';
import path from 'node:path';
import { dataFolder } from '../database-path';
import { env } from '../env';
import { newToken } from './tokens';

/**
 * The key that signs session cookies: NEXTAUTH_SECRET when set, otherwise a random key kept
 * beside the database (created on first start, readable only by its owner), so that the
 * quickstart needs no configuration and sessions survive a restart.
 */
export function authSecret(): string {
  const fromEnv = env().NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  const folder = dataFolder();
  const file = folder === null ? null : path.join(/*turbopackIgnore: true*/ folder, 'auth-secret');
  if (!file) return newToken();
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = newToken();
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process created it first: use theirs.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
