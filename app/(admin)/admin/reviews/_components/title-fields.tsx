'use client';

import { LengthCounter, TextField } from '@/components/ui/field';
import type { ReviewContent } from '@/lib/content/review-content';
import { memo } from 'react';
import type { ContentUpdate, FieldErrors } from './editor-types';

/** The headline and the dek, large at the top of the canvas, as the reader will see them. */
export const TitleFields = memo(function TitleFields({
  content,
  update,
  errors,
}: {
  content: Pick<ReviewContent, 'headline' | 'dek'>;
  update: ContentUpdate;
  errors: FieldErrors;
}) {
  return (
    <div className="canvas-title">
      <TextField
        label="Headline"
        name="headline"
        className="canvas-headline"
        placeholder="Headline"
        limit={300}
        value={content.headline}
        errors={errors.headline}
        onChange={(event) => update((current) => ({ ...current, headline: event.target.value }))}
      />
      <div className="field">
        <label htmlFor="field-dek">Dek</label>
        <textarea
          id="field-dek"
          name="dek"
          className="canvas-dek"
          rows={2}
          placeholder="A sentence or two under the headline"
          value={content.dek}
          aria-invalid={errors.dek ? true : undefined}
          aria-describedby={errors.dek ? 'field-dek-error' : undefined}
          onChange={(event) => update((current) => ({ ...current, dek: event.target.value }))}
        />
        <LengthCounter length={content.dek.length} limit={1000} />
        {errors.dek && (
          <p className="field-error" id="field-dek-error">
            {errors.dek.join(' ')}
          </p>
        )}
      </div>
    </div>
  );
});
