import { z } from 'zod';
import { MAX_CONTENT_BYTES } from '@/lib/content/review-content';

// Shared by the JSON route handlers the editor calls with fetch (saves, autosaves on page
// hide with `keepalive`, presence). They are public endpoints: each one's data function
// checks who is asking; this file refuses cross-site requests and reads bodies, and
// error-response.ts turns the data layer's refusals into JSON.

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** A JSON answer that no browser or shared cache keeps: every one is about the caller. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
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

/**
 * The largest JSON body a route reads: a review's content is capped at 1 MB of JSON
 * (MAX_CONTENT_BYTES), plus room for the save's other fields.
 */
export const MAX_JSON_BODY_BYTES = MAX_CONTENT_BYTES + 64 * 1024;

/**
 * Reads a same-origin JSON body of at most `limit` bytes; a Response to send back instead when
 * it is not one. Callers check who is asking first: nothing here runs for a stranger's benefit
 * beyond counting bytes, and a body over the limit is refused as it streams in, never parsed.
 */
export async function readJson(
  request: Request,
  limit = MAX_JSON_BODY_BYTES,
): Promise<{ body: unknown } | Response> {
  if (!isSameOrigin(request)) return json({ message: 'Cross-site requests are refused.' }, 403);
  if (!request.headers.get('content-type')?.startsWith('application/json'))
    return json({ message: 'Send JSON (Content-Type: application/json).' }, 415);
  const text = await readTextUpTo(request, limit);
  if (text === null) return json({ message: tooLarge(limit) }, 413);
  try {
    return { body: JSON.parse(text) };
  } catch {
    return json({ message: 'The request body is not valid JSON.' }, 400);
  }
}

const tooLarge = (limit: number) =>
  `The request is too large: at most ${(limit / (1024 * 1024)).toFixed(1)} MB.`;

/** The body as text, or null as soon as it passes `limit` bytes. */
async function readTextUpTo(request: Request, limit: number): Promise<string | null> {
  return (await readBytesUpTo(request, limit))?.toString('utf8') ?? null;
}

/** The body's bytes, or null as soon as it passes `limit` bytes (or declares more). */
export async function readBytesUpTo(request: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
