import { requireUser } from '@/db/auth/current-user';
import { getReviewForEditing } from '@/db/reviews/editing';
import { saveReview } from '@/db/reviews/save';
import {
  saveRequestSchema,
  type HeadBody,
  type InvalidBody,
  type SavedBody,
} from '@/lib/api/contract';
import { contentFieldErrors } from '@/lib/forms';
import { errorResponse } from '../../../_lib/error-response';
import { isSameOrigin, json, parseId, readJson } from '../../../_lib/json-route';

// GET /api/reviews/:id/revisions — the newest version: { version, content }.
// POST /api/reviews/:id/revisions — saves the editor's content as a new revision.
//   { baseVersion, kind: 'autosave' | 'save', message?, content }
// 200 { status: 'saved', version, merged, content }  (content is what is now saved)
// 409 { status: 'conflict', message, version, theirs, merged, conflicts }  (nothing was written)
// 400 { message, errors }, 401, 403, 404, 413 (body over 1 MB of content), 415,
// 429 { message } with Retry-After (too many saves by this person this minute)
// The 200 is sent only after the transaction has committed. The bodies are those of
// lib/api/contract.ts, with which the editor reads them.

export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const id = parseId((await context.params).id);
  if (id === null) return json({ message: 'There is no such review.' }, 404);
  if (!isSameOrigin(request)) return json({ message: 'Cross-site requests are refused.' }, 403);
  // Who is asking comes before the body: a stranger's megabyte is never read, parsed or checked.
  // (saveReview checks again, with the review: may this person edit it.)
  try {
    await requireUser();
  } catch (error) {
    return errorResponse(error);
  }
  const read = await readJson(request);
  if (read instanceof Response) return read;
  const parsed = saveRequestSchema.safeParse(read.body);
  if (!parsed.success) {
    return json(
      {
        message: 'The review was not saved: correct the highlighted fields.',
        errors: contentFieldErrors(parsed.error),
      } satisfies InvalidBody,
      400,
    );
  }
  try {
    const saved = await saveReview(id, parsed.data);
    return json({ status: 'saved', ...saved } satisfies SavedBody);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const id = parseId((await context.params).id);
  if (id === null) return json({ message: 'There is no such review.' }, 404);
  try {
    const { version, content } = await getReviewForEditing(id);
    return json({ version, content } satisfies HeadBody);
  } catch (error) {
    return errorResponse(error);
  }
}
