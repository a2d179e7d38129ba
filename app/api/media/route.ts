import { z } from 'zod';
import { AuthError } from '@/db/auth/current-user';
import { listMedia } from '@/db/media/media';

// A page of the media library as JSON, for the editor's image picker. listMedia checks that
// the caller is signed-in staff.

export const dynamic = 'force-dynamic';

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function GET(request: Request) {
  const { page } = querySchema.parse({
    page: new URL(request.url).searchParams.get('page') ?? undefined,
  });
  try {
    const { items, hasNext } = await listMedia({ page });
    return Response.json(
      {
        items: items.map(({ id, width, height, alt, originalName }) => ({
          id,
          width,
          height,
          alt,
          originalName,
        })),
        hasNext,
      },
      { headers: { 'Cache-Control': 'private, no-store' } },
    );
  } catch (error) {
    if (error instanceof AuthError) {
      return Response.json(
        { error: error.message },
        {
          status: error.kind === 'unauthenticated' ? 401 : 403,
          headers: { 'Cache-Control': 'no-store' },
        },
      );
    }
    throw error;
  }
}
