import { z } from 'zod';
import { AuthError } from '@/db/auth/current-user';
import { MergeConflictError, ReviewNotFoundError } from '@/db/reviews/errors';
import { UserInputError } from '@/db/users/records';

// Shared by the JSON route handlers the editor calls with fetch (saves, autosaves on page
// hide with `keepalive`, presence). They are public endpoints: each one's data function
// checks who is asking; this file refuses cross-site requests and turns refusals into JSON.

const NO_STORE = { 'Cache-Control': 'private, no-store' };

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/**
 * A request from another site carries the staff member's cookie too; like Server Actions, the
 * JSON endpoints accept only requests whose Origin is this host.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') !== 'cross-site';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The `[id]` route parameter as a review id, or null. */
export function parseId(raw: string): number | null {
  const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(raw);
  return id.success ? id.data : null;
}

/** Reads a same-origin JSON body; a Response to send back instead when it is not one. */
export async function readJson(request: Request): Promise<{ body: unknown } | Response> {
  if (!isSameOrigin(request)) return json({ message: 'Cross-site requests are refused.' }, 403);
  if (!request.headers.get('content-type')?.startsWith('application/json'))
    return json({ message: 'Send JSON (Content-Type: application/json).' }, 415);
  try {
    return { body: await request.json() };
  } catch {
    return json({ message: 'The request body is not valid JSON.' }, 400);
  }
}

/** The answer for a refusal the data layer raised; anything else is a real fault and rethrown. */
export function refusal(error: unknown): Response {
  if (error instanceof AuthError)
    return json({ message: error.message }, error.kind === 'unauthenticated' ? 401 : 403);
  if (error instanceof ReviewNotFoundError) return json({ message: error.message }, 404);
  if (error instanceof MergeConflictError) {
    return json(
      {
        status: 'conflict',
        message: error.message,
        version: error.currentVersion,
        theirs: error.theirs,
        merged: error.merged,
        conflicts: error.conflicts,
      },
      409,
    );
  }
  if (error instanceof UserInputError) {
    return json(
      {
        message: error.message,
        errors: error.field ? { [error.field]: [error.message] } : undefined,
      },
      400,
    );
  }
  throw error;
}
