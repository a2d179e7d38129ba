'use client';

import { useState, type DragEvent } from 'react';
import type { ContentUpdate } from './editor-types';
import { MediaPicker } from './media-picker';
import { UploadProgressBar } from './canvas/upload-progress';
import { useUpload } from './canvas/use-upload';

/**
 * The review's poster: chosen from the media library, uploaded from the picker, or dropped here
 * as a file (uploaded through the library's processing and limits, with its progress).
 */
export function PosterField({
  posterMediaId,
  update,
}: {
  posterMediaId: number | null;
  update: ContentUpdate;
}) {
  const upload = useUpload();
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  async function send(file: File) {
    setError(null);
    const outcome = await upload.send(file);
    if (!outcome) return;
    if (outcome.ok) update((content) => ({ ...content, posterMediaId: outcome.media.id }));
    else setError(outcome.message);
  }

  const hasFile = (event: DragEvent) => event.dataTransfer.types.includes('Files');

  return (
    <fieldset
      className={`editor-fieldset poster-drop${over ? ' poster-drop-over' : ''}`}
      onDragOver={(event) => {
        if (!hasFile(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        const file = [...event.dataTransfer.files].find((f) => f.type.startsWith('image/'));
        if (!file) return;
        event.preventDefault();
        void send(file);
      }}
    >
      <legend>Poster</legend>
      {posterMediaId === null ? (
        <p className="muted">No poster. Drop an image here, or choose one.</p>
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- a fixed-size thumbnail file
        <img
          className="poster-thumbnail"
          src={`/media/${posterMediaId}/320.webp`}
          alt="The chosen poster"
        />
      )}
      {upload.progress && (
        <UploadProgressBar
          id="poster-upload-progress"
          progress={upload.progress}
          onCancel={upload.cancel}
        />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row-actions">
        <MediaPicker
          label={posterMediaId === null ? 'Choose a poster' : 'Change the poster'}
          onPick={(media) => update((content) => ({ ...content, posterMediaId: media.id }))}
          onUpload={(file) => void send(file)}
        />
        {posterMediaId !== null && (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => update((content) => ({ ...content, posterMediaId: null }))}
          >
            Remove the poster
          </button>
        )}
      </div>
    </fieldset>
  );
}
