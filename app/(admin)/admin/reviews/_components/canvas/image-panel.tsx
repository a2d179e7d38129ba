'use client';

import { InlineField } from './inline-field';
import { UploadProgressBar } from './upload-progress';
import type { useImageInsert } from './use-image-insert';

/** The image on its way in: its upload's progress, then its alt text and caption. */
export function ImagePanel({ images }: { images: ReturnType<typeof useImageInsert> }) {
  const { image, uploading } = images;
  if (uploading)
    return (
      <UploadProgressBar
        id="canvas-upload-progress"
        progress={uploading}
        onCancel={images.cancel}
      />
    );
  if (image === null) return null;
  if (image.step === 'failed') {
    return (
      <div className="inline-field" role="group" aria-label="The upload failed">
        <p className="field-error" role="alert">
          {image.message}
        </p>
        <button type="button" className="button button-small button-quiet" onClick={images.cancel}>
          Dismiss
        </button>
      </div>
    );
  }
  return (
    <InlineField
      name="Describe the image"
      inputs={[
        {
          id: 'canvas-image-alt',
          label: 'Alt text for this image',
          value: image.alt,
          maxLength: 500,
          required: true,
          error: image.error,
          hint: 'Describe the image for people who cannot see it.',
          onChange: (alt) => images.setImage({ ...image, alt, error: null }),
        },
        {
          id: 'canvas-image-caption',
          label: 'Caption (optional)',
          value: image.caption,
          maxLength: 300,
          hint: 'Shown under the image.',
          onChange: (caption) => images.setImage({ ...image, caption }),
        },
      ]}
      applyLabel="Insert image"
      onApply={images.insert}
      onCancel={images.cancel}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- a fixed-size thumbnail file */}
      <img
        className="inline-field-thumbnail"
        src={`/media/${image.media.id}/320.webp`}
        alt=""
        width={80}
        height={Math.round((80 * image.media.height) / image.media.width)}
      />
    </InlineField>
  );
}
