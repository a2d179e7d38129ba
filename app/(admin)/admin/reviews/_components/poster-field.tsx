'use client';

import type { ContentUpdate } from './editor-types';
import { MediaPicker } from './media-picker';

/** The review's poster, chosen from the media library. */
export function PosterField({
  posterMediaId,
  update,
}: {
  posterMediaId: number | null;
  update: ContentUpdate;
}) {
  return (
    <fieldset className="editor-fieldset">
      <legend>Poster</legend>
      {posterMediaId === null ? (
        <p className="muted">No poster.</p>
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- a fixed-size thumbnail file
        <img
          className="poster-thumbnail"
          src={`/media/${posterMediaId}/320.webp`}
          alt="The chosen poster"
        />
      )}
      <div className="row-actions">
        <MediaPicker
          label={posterMediaId === null ? 'Choose a poster' : 'Change the poster'}
          onPick={(media) => update((current) => ({ ...current, posterMediaId: media.id }))}
        />
        {posterMediaId !== null && (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => update((current) => ({ ...current, posterMediaId: null }))}
          >
            Remove the poster
          </button>
        )}
      </div>
    </fieldset>
  );
}
