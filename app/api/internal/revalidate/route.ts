import { isRevalidationToken, REVALIDATE_TOKEN_HEADER } from '@/lib/cache/background-revalidation';
import { revalidateReaderPages } from '@/lib/cache/reader-cache';

// POST /api/internal/revalidate: expires the cached reader pages. Only this server's own
// background work (the scheduler) holds the token; anyone else gets a 403.

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  if (!isRevalidationToken(request.headers.get(REVALIDATE_TOKEN_HEADER)))
    return Response.json({ message: 'Not allowed.' }, { status: 403 });
  revalidateReaderPages();
  return Response.json({ revalidated: true }, { headers: { 'Cache-Control': 'no-store' } });
}
