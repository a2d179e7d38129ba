import { heartbeat, leave } from '@/db/reviews/presence';
import type { PresenceBody } from '@/lib/api/contract';
import { errorResponse } from '../../../_lib/error-response';
import { isSameOrigin, json, parseId } from '../../../_lib/json-route';

// POST: the editor's heartbeat; answers who else has the review open and its newest version.
// DELETE: the editor was closed. Both act for the signed-in caller only.

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

async function respond(
  request: Request,
  context: Context,
  run: (id: number) => Promise<PresenceBody | void>,
) {
  const id = parseId((await context.params).id);
  if (id === null) return json({ message: 'There is no such review.' }, 404);
  if (!isSameOrigin(request)) return json({ message: 'Cross-site requests are refused.' }, 403);
  try {
    return json((await run(id)) ?? { status: 'left' });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = (request: Request, context: Context) => respond(request, context, heartbeat);
export const DELETE = (request: Request, context: Context) => respond(request, context, leave);
