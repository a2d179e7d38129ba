import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { getMediaFile } from '@/db/media/media';

// Serves uploaded images: /media/<id>/original and /media/<id>/<width>.webp. getMediaFile
// decides which file, if any, a URL names for this caller: to anyone, the images a published
// review shows, cached for a year; to signed-in staff, any image, never cached (it may be
// unpublished, or never used). Anything else is a 404, like an id that does not exist. Nothing
// here touches the file system with a value from the URL.

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string; file: string }> };

export async function GET(_request: Request, { params }: Context) {
  const { id, file } = await params;
  const found = await getMediaFile(id, file);
  if (!found) return notFound();

  let handle: fs.FileHandle;
  try {
    handle = await fs.open(found.path, 'r');
  } catch (error) {
    // A row whose files are gone (restored from a backup without the uploads folder, say).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return notFound();
    throw error;
  }
  let size: number;
  try {
    ({ size } = await handle.stat());
  } catch (error) {
    await handle.close();
    throw error;
  }
  // Streamed rather than read whole: an original can be several megabytes. The stream closes
  // the handle when it ends or the client goes away.
  const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'Content-Type': found.contentType,
      'Content-Length': String(size),
      // A media id is never reused (AUTOINCREMENT) and its files are never rewritten, so a
      // URL always names the same bytes. A file served only because staff asked must not be
      // kept by a browser or a shared cache, which would hand it to the next reader.
      'Cache-Control':
        found.visibility === 'public' ? 'public, max-age=31536000, immutable' : 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

function notFound() {
  // Not cached: the id may exist, or be published, a moment later.
  return new Response('Not found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
