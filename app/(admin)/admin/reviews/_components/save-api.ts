import type { MergeConflict } from '@/lib/content/merge';
import type { ReviewContent } from '@/lib/content/review-content';
import type { FieldErrors } from './editor-types';

// The browser side of POST /api/reviews/:id/revisions and /presence. Every answer, including
// a network failure, comes back as a value: the editor must show each of them, never throw.

export type SaveKind = 'autosave' | 'save';

export type SaveAnswer =
  | { status: 'saved'; version: number; merged: boolean; content: ReviewContent }
  | {
      status: 'conflict';
      message: string;
      version: number;
      theirs: ReviewContent;
      conflicts: MergeConflict[];
    }
  | { status: 'invalid'; message: string; errors: FieldErrors }
  /** Signed out, no longer allowed, or the review is gone: retrying will not help. */
  | { status: 'refused'; message: string; signedOut: boolean }
  /** The server could not be reached, or failed: worth retrying. */
  | { status: 'failed'; offline: boolean; message: string };

/** Browsers refuse `keepalive` bodies over 64 KiB; larger saves rely on the local copy. */
const KEEPALIVE_LIMIT = 60_000;

export async function postSave(
  reviewId: number,
  body: { baseVersion: number; kind: SaveKind; message?: string; content: ReviewContent },
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
  const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const message = typeof answer?.message === 'string' ? answer.message : 'The save failed.';
  if (response.ok && answer?.status === 'saved') return answer as SaveAnswer;
  if (response.status === 409 && answer?.status === 'conflict') return answer as SaveAnswer;
  if (response.status === 400)
    return { status: 'invalid', message, errors: (answer?.errors as FieldErrors) ?? {} };
  if ([401, 403, 404].includes(response.status))
    return { status: 'refused', message, signedOut: response.status === 401 };
  // 429: too many saves this minute; the server says when saving resumes, and the retry waits.
  if (response.status === 429) return { status: 'failed', offline: false, message };
  return { status: 'failed', offline: false, message: `The server answered ${response.status}.` };
}

export type PresenceAnswer = { editors: { id: number; name: string }[]; version: number };

/** The presence heartbeat; null when it could not be sent (the next one will try again). */
export async function postHeartbeat(reviewId: number): Promise<PresenceAnswer | null> {
  try {
    const response = await fetch(`/api/reviews/${reviewId}/presence`, { method: 'POST' });
    return response.ok ? ((await response.json()) as PresenceAnswer) : null;
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
