import { z } from 'zod';
import { requireUser } from '@/db/auth/current-user';
import { getReviewForEditing } from '@/db/reviews/editor';
import { saveReview } from '@/db/reviews/save';
import { reviewContentSchema } from '@/lib/content/review-content';
import { contentFieldErrors } from '@/lib/forms';
import { maxLength } from '@/lib/text/too-long';
import { isSameOrigin, json, parseId, readJson, refusal } from '../../../_lib/json-route';

// GET /api/reviews/:id/revisions — the newest version: { version, content }.
// POST /api/reviews/:id/revisions — saves the editor's content as a new revision.
//   { baseVersion, kind: 'autosave' | 'save', message?, content }
// 200 { status: 'saved', version, merged, content }  (content is what is now saved)
// 409 { status: 'conflict', version, theirs, merged, conflicts }  (nothing was written)
// 400 { message, errors }, 401, 403, 404, 413 (body over 1 MB of content), 415,
// 429 { message } with Retry-After (too many saves by this person this minute)
// The 200 is sent only after the transaction has committed.

export const dynamic = 'force-dynamic';

const saveSchema = z.object({
  baseVersion: z.number().int().min(1),
  kind: z.enum(['autosave', 'save']),
  message: z
    .string()
    .trim()
    .max(500, maxLength(500))
    .nullish()
    .transform((value) => value || null),
  content: reviewContentSchema,
});

export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const id = parseId((await context.params).id);
  if (id === null) return json({ message: 'There is no such review.' }, 404);
  if (!isSameOrigin(request)) return json({ message: 'Cross-site requests are refused.' }, 403);
  // Who is asking comes before the body: a stranger's megabyte is never read, parsed or checked.
  // (saveReview checks again, with the review: may this person edit it.)
  try {
    await requireUser();
  } catch (error) {
    return refusal(error);
  }
  const read = await readJson(request);
  if (read instanceof Response) return read;
  const parsed = saveSchema.safeParse(read.body);
  if (!parsed.success) {
    return json(
      {
        message: 'The review was not saved: correct the highlighted fields.',
        errors: contentFieldErrors(parsed.error),
      },
      400,
    );
  }
  try {
    const saved = await saveReview(id, parsed.data);
    return json({ status: 'saved', ...saved });
  } catch (error) {
    return refusal(error);
  }
}

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const id = parseId((await context.params).id);
  if (id === null) return json({ message: 'There is no such review.' }, 404);
  try {
    const { version, content } = await getReviewForEditing(id);
    return json({ version, content });
  } catch (error) {
    return refusal(error);
  }
}
