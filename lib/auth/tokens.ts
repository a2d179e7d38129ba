import { createHash, randomBytes } from 'node:crypto';

/** A new random token for a one-time link or a session id: 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored hashed, so a copy of the database does not hold working links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
