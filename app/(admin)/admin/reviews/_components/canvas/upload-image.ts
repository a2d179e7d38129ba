'use client';

import { refusalSchema, uploadedSchema, type UploadedBody } from '@/lib/api/contract';
import {
  isAcceptedMimeType,
  MAX_UPLOAD_BYTES,
  TOO_LARGE_FILE_MESSAGE,
} from '@/lib/media/constants';

// Sends one image to the media library (POST /api/media) with its progress, for the canvas's
// dropped and pasted files and the pickers' "Upload". XMLHttpRequest, not fetch: only it reports
// how much of the request body has been sent.

export type UploadOutcome = { ok: true; media: UploadedBody } | { ok: false; message: string };

/** A message for a file the library would refuse anyway, before any byte is sent; else null. */
export function refuseBeforeSending(file: File): string | null {
  if (file.size > MAX_UPLOAD_BYTES) return TOO_LARGE_FILE_MESSAGE;
  if (!isAcceptedMimeType(file.type))
    return `“${file.name}” is not a JPEG, PNG, WebP or AVIF image.`;
  return null;
}

export function uploadImage(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadOutcome> {
  const refused = refuseBeforeSending(file);
  if (refused) return Promise.resolve({ ok: false, message: refused });
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    const form = new FormData();
    form.append('file', file);
    request.open('POST', '/api/media');
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const uploaded = uploadedSchema.safeParse(request.response);
      if (request.status === 200 && uploaded.success) {
        onProgress(1);
        resolve({ ok: true, media: uploaded.data });
        return;
      }
      const refusal = refusalSchema.safeParse(request.response);
      resolve({
        ok: false,
        message: refusal.success
          ? refusal.data.message
          : `The upload failed (${request.status}). Try again.`,
      });
    };
    request.onerror = () =>
      resolve({ ok: false, message: 'The upload did not reach the server. Try again.' });
    request.onabort = () => resolve({ ok: false, message: 'The upload was cancelled.' });
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
