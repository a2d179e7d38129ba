import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '../auth/secret';
import { env } from '../env';

// Next can expire cache tags only while it handles a request. Work that runs on its own (the
// scheduler publishing a review at its time) asks its own server to do it, through
// POST /api/internal/revalidate, signed with a token derived from the server's secret.

export const REVALIDATE_TOKEN_HEADER = 'x-revalidate-token';

export function revalidationToken(): string {
  return createHmac('sha256', authSecret()).update('revalidate reader pages').digest('hex');
}

export function isRevalidationToken(value: string | null): boolean {
  if (!value) return false;
  const expected = Buffer.from(revalidationToken());
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** This server's own address, set by server.mjs before Next starts. */
function ownOrigin(): string | null {
  const { CMS_INTERNAL_ORIGIN, PORT } = env();
  if (CMS_INTERNAL_ORIGIN) return CMS_INTERNAL_ORIGIN;
  return PORT ? `http://127.0.0.1:${PORT}` : null;
}

/** Expires the reader pages from outside a request; false (and a log line) when it could not. */
export async function revalidateReaderPagesInBackground(): Promise<boolean> {
  const origin = ownOrigin();
  if (!origin) {
    console.error('Reader pages were not revalidated: this server does not know its own address.');
    return false;
  }
  try {
    const response = await fetch(`${origin}/api/internal/revalidate`, {
      method: 'POST',
      headers: { [REVALIDATE_TOKEN_HEADER]: revalidationToken() },
    });
    if (response.ok) return true;
    console.error(`Reader pages were not revalidated: the server answered ${response.status}.`);
  } catch (error) {
    console.error('Reader pages were not revalidated:', error);
  }
  return false;
}
