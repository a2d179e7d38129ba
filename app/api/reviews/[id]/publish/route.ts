import { publishNow } from '@/db/reviews/workflow';
import type { PublishedBody } from '@/lib/api/contract';
import { errorResponse } from '../../../_lib/error-response';
import { isSameOrigin, json, parseId } from '../../../_lib/json-route';

// POST /api/reviews/:id/publish — "Publish now" as JSON, for scripts (the load test) and any
// client that is not the editor, which publishes through its Server Action. The same data
// function decides: editors and admins only, the publishing checklist, one transaction; the
// reader pages are expired once it has committed.
// 200 { status: 'published', version }
// 422 { message, missing }  (what the review still needs)
// 401, 403, 404

export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const id = parseId((await context.params).id);
  if (id === null) return json({ message: 'There is no such review.' }, 404);
  if (!isSameOrigin(request)) return json({ message: 'Cross-site requests are refused.' }, 403);
  try {
    const { version } = await publishNow(id);
    return json({ status: 'published', version } satisfies PublishedBody);
  } catch (error) {
    return errorResponse(error);
  }
}
