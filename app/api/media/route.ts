import { listMedia } from '@/db/media/media';
import { mediaQuerySchema, type MediaPageBody } from '@/lib/api/contract';
import { errorResponse } from '../_lib/error-response';
import { json } from '../_lib/json-route';

// A page of the media library as JSON, for the editor's image picker. listMedia checks that
// the caller is signed-in staff.

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const { page } = mediaQuerySchema.parse({
    page: new URL(request.url).searchParams.get('page') ?? undefined,
  });
  try {
    const { items, hasNext } = await listMedia({ page });
    return json({
      items: items.map(({ id, width, height, alt, originalName }) => ({
        id,
        width,
        height,
        alt,
        originalName,
      })),
      hasNext,
    } satisfies MediaPageBody);
  } catch (error) {
    return errorResponse(error);
  }
}
