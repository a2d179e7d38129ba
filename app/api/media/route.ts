import { requirePermission } from '@/db/auth/current-user';
import { listMedia, uploadMedia } from '@/db/media/media';
import {
  mediaQuerySchema,
  type InvalidBody,
  type MediaPageBody,
  type UploadedBody,
} from '@/lib/api/contract';
import { MAX_UPLOAD_BYTES, TOO_LARGE_FILE_MESSAGE } from '@/lib/media/constants';
import { errorResponse } from '../_lib/error-response';
import { isSameOrigin, json, readBytesUpTo } from '../_lib/json-route';

// GET /api/media?page=n — a page of the media library, for the editor's image picker.
// POST /api/media — multipart { file, alt? }: one image into the library, from the canvas (a
//   dropped or pasted file, the image and poster pickers' "Upload"), which shows its progress.
// 200 { id, width, height, alt, originalName }; 400 { message, errors } (no file, not an image,
//   too many pixels), 401, 403, 413 (over 10 MB), 429 (the server's upload slots are busy).
// listMedia and uploadMedia check who is asking; the POST checks before it reads the body, and
// uploadMedia runs the media library's processing and limits, as the Media page's form does.

/** Room for the multipart envelope and the alt text around a file at the limit. */
const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

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

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return json({ message: 'Cross-site requests are refused.' }, 403);
  try {
    await requirePermission('media:upload');
  } catch (error) {
    return errorResponse(error);
  }
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data'))
    return json({ message: 'Send the image as multipart/form-data.' }, 415);
  // A body over the limit is refused as it streams in (or unread, when it says so up front).
  const bytes = await readBytesUpTo(request, MAX_UPLOAD_BODY_BYTES);
  if (bytes === null) return json({ message: TOO_LARGE_FILE_MESSAGE }, 413);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    return json({ message: 'The upload could not be read: send it again.' }, 400);
  }
  const file = form.get('file');
  const alt = form.get('alt');
  if (!(file instanceof File) || file.size === 0) {
    return json(
      {
        message: 'Choose an image to upload.',
        errors: { file: ['Choose an image to upload.'] },
      } satisfies InvalidBody,
      400,
    );
  }
  try {
    const item = await uploadMedia(file, typeof alt === 'string' ? alt : '');
    return json({
      id: item.id,
      width: item.width,
      height: item.height,
      alt: item.alt,
      originalName: item.originalName,
    } satisfies UploadedBody);
  } catch (error) {
    return errorResponse(error);
  }
}
