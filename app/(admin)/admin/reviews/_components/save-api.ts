import {
  conflictSchema,
  invalidSchema,
  presenceSchema,
  refusalSchema,
  savedSchema,
  type ConflictBody,
  type PresenceBody,
  type SaveBody,
  type SavedBody,
  type SaveKind,
} from '@/lib/api/contract';
import type { FieldErrors } from './editor-types';

// The browser side of POST /api/reviews/:id/revisions and /presence. Every answer, including
// a network failure and one that is not what lib/api/contract.ts says, comes back as a value:
// the editor must show each of them, never throw.

export type { SaveKind };

export type SaveAnswer =
  | SavedBody
  /** The editor merges again against what is on screen now, so the server's merge is unused. */
  | Omit<ConflictBody, 'merged'>
  | { status: 'invalid'; message: string; errors: FieldErrors }
  /** Signed out, no longer allowed, or the review is gone: retrying will not help. */
  | { status: 'refused'; message: string; signedOut: boolean }
  /** The server could not be reached, or failed: worth retrying. */
  | { status: 'failed'; offline: boolean; message: string };

/** Browsers refuse `keepalive` bodies over 64 KiB; larger saves rely on the local copy. */
const KEEPALIVE_LIMIT = 60_000;

export async function postSave(
  reviewId: number,
  body: SaveBody,
  options: { keepalive?: boolean } = {},
): Promise<SaveAnswer> {
  const payload = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(`/api/reviews/${reviewId}/revisions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: payload,
      keepalive: Boolean(options.keepalive) && payload.length < KEEPALIVE_LIMIT,
    });
  } catch {
    return { status: 'failed', offline: true, message: 'The server could not be reached.' };
  }
  const answer: unknown = await response.json().catch(() => null);
  return readSaveAnswer(response, answer);
}

/**
 * What a save's answer means for the editor, read with the contract's schemas. An answer
 * whose body does not match them (a proxy's error page, a half-written reply) is a failed
 * save, which the editor retries; only the status decides for the refusals.
 */
export function readSaveAnswer(
  response: Pick<Response, 'ok' | 'status'>,
  answer: unknown,
): SaveAnswer {
  const { status } = response;
  const unreadable: SaveAnswer = {
    status: 'failed',
    offline: false,
    message: `The server answered ${status}.`,
  };
  const message = refusalSchema.safeParse(answer).data?.message ?? 'The save failed.';
  if (response.ok) return savedSchema.safeParse(answer).data ?? unreadable;
  if (status === 409) return conflictSchema.safeParse(answer).data ?? unreadable;
  if (status === 400) {
    const invalid = invalidSchema.safeParse(answer);
    if (!invalid.success) return unreadable;
    return { status: 'invalid', message: invalid.data.message, errors: invalid.data.errors ?? {} };
  }
  if ([401, 403, 404].includes(status))
    return { status: 'refused', message, signedOut: status === 401 };
  // 429: too many saves this minute; the server says when saving resumes, and the retry waits.
  if (status === 429) return { status: 'failed', offline: false, message };
  return unreadable;
}

export type PresenceAnswer = PresenceBody;

/**
 * The presence heartbeat; null when it could not be sent or its answer not read (the next
 * one will try again).
 */
export async function postHeartbeat(reviewId: number): Promise<PresenceAnswer | null> {
  try {
    const response = await fetch(`/api/reviews/${reviewId}/presence`, { method: 'POST' });
    if (!response.ok) return null;
    return presenceSchema.safeParse(await response.json()).data ?? null;
  } catch {
    return null;
  }
}

/** Tells the server this person closed the review, even while the page unloads. */
export function sendLeave(reviewId: number): void {
  void fetch(`/api/reviews/${reviewId}/presence`, { method: 'DELETE', keepalive: true }).catch(
    () => undefined,
  );
}
