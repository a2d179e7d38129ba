'use client';

import { useRef, useState } from 'react';
import { uploadImage, type UploadOutcome } from './upload-image';

/** The file being uploaded and how much of it has been sent (0 to 1). */
export type UploadProgress = { name: string; fraction: number };

/**
 * One upload at a time into the media library, with its progress for a progress bar. A new
 * upload or `cancel` aborts the one under way; `send` then resolves to null.
 */
export function useUpload() {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const current = useRef<AbortController | null>(null);

  async function send(file: File): Promise<UploadOutcome | null> {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setProgress({ name: file.name, fraction: 0 });
    const outcome = await uploadImage(
      file,
      (fraction) => !controller.signal.aborted && setProgress({ name: file.name, fraction }),
      controller.signal,
    );
    if (controller.signal.aborted) return null;
    current.current = null;
    setProgress(null);
    return outcome;
  }

  function cancel() {
    current.current?.abort();
    current.current = null;
    setProgress(null);
  }

  return { progress, send, cancel };
}
