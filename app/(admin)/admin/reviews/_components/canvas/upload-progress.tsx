'use client';

import type { UploadProgress } from './use-upload';

/** "Uploading “still.png”" with a progress bar, and a way to stop it. */
export function UploadProgressBar({
  id,
  progress,
  onCancel,
}: {
  id: string;
  progress: UploadProgress;
  onCancel: () => void;
}) {
  const percent = Math.round(progress.fraction * 100);
  return (
    <div className="upload-progress" role="group" aria-label="Uploading an image">
      <label htmlFor={id}>Uploading “{progress.name}”</label>
      <progress id={id} max={100} value={percent}>
        {percent}%
      </progress>
      <span aria-hidden="true">{percent}%</span>
      <button type="button" className="button button-small button-quiet" onClick={onCancel}>
        Cancel the upload
      </button>
    </div>
  );
}
