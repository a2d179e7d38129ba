'use client';

import { TextField } from '@/components/ui/field';
import { RATING_SCALE, RATING_STEP } from '@/lib/content/rating';
import type { ReviewContent } from '@/lib/content/review-content';
import { toNumber, type ContentUpdate, type FieldErrors } from './editor-types';

/** The critic's rating (optional). */
export function RatingField({
  content,
  update,
  errors,
}: {
  content: Pick<ReviewContent, 'rating'>;
  update: ContentUpdate;
  errors: FieldErrors;
}) {
  return (
    <TextField
      label={`Rating (0–${RATING_SCALE}, optional)`}
      name="rating"
      type="number"
      min={0}
      max={RATING_SCALE}
      step={RATING_STEP}
      value={content.rating?.value ?? ''}
      errors={errors['rating.value'] ?? errors.rating}
      onChange={(event) => {
        const value = toNumber(event.target.value);
        update((current) => ({
          ...current,
          rating: value === null ? null : { value, scale: RATING_SCALE },
        }));
      }}
    />
  );
}

/** The review's address. Until someone types one, it follows the work's title and year. */
export function SlugField({
  slug,
  update,
  errors,
  onSlugEdited,
}: {
  slug: string;
  update: ContentUpdate;
  errors: FieldErrors;
  onSlugEdited: () => void;
}) {
  return (
    <TextField
      label="Slug"
      name="slug"
      hint="The address: /reviews/your-slug"
      value={slug}
      errors={errors.slug}
      onChange={(event) => {
        onSlugEdited();
        update((current) => ({ ...current, slug: event.target.value }));
      }}
    />
  );
}
