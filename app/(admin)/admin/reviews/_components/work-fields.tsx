'use client';

import { LengthCounter, SelectField, TextField } from '@/components/ui/field';
import { RATING_SCALE, RATING_STEP } from '@/lib/content/rating';
import type { ReviewContent } from '@/lib/content/review-content';
import { WORK_KINDS } from '@/lib/content/vocabulary';
import { slugify } from '@/lib/text/slug';
import type { ContentUpdate, FieldErrors } from './editor-types';
import { ListField } from './list-field';

const toNumber = (value: string) => (value.trim() === '' ? null : Number(value));

/** Headline, dek, slug and the work's facts. */
export function WorkFields({
  content,
  update,
  errors,
  onSlugEdited,
}: {
  content: ReviewContent;
  update: ContentUpdate;
  errors: FieldErrors;
  onSlugEdited: () => void;
}) {
  const setWork = (changes: Partial<ReviewContent['work']>) =>
    update((current) => ({ ...current, work: { ...current.work, ...changes } }));
  return (
    <fieldset className="editor-fieldset">
      <legend>The review and the work</legend>
      <TextField
        label="Headline"
        name="headline"
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
          rows={3}
          value={content.dek}
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
      <div className="field-row">
        <TextField
          label="Title"
          name="work-title"
          value={content.work.title}
          errors={errors['work.title']}
          onChange={(event) => setWork({ title: event.target.value })}
        />
        <TextField
          label="Original title"
          name="original-title"
          value={content.work.originalTitle ?? ''}
          errors={errors['work.originalTitle']}
          onChange={(event) => setWork({ originalTitle: event.target.value || null })}
        />
      </div>
      <div className="field-row">
        <TextField
          label="Year"
          name="year"
          type="number"
          inputMode="numeric"
          min={1870}
          max={2100}
          value={content.work.year ?? ''}
          errors={errors['work.year']}
          onChange={(event) => setWork({ year: toNumber(event.target.value) })}
        />
        <SelectField
          label="Kind"
          name="kind"
          value={content.work.kind}
          onChange={(event) => setWork({ kind: event.target.value as (typeof WORK_KINDS)[number] })}
        >
          {WORK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind === 'film' ? 'Film' : 'Series'}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Runtime (minutes)"
          name="runtime"
          type="number"
          inputMode="numeric"
          min={1}
          value={content.work.runtimeMinutes ?? ''}
          errors={errors['work.runtimeMinutes']}
          onChange={(event) => setWork({ runtimeMinutes: toNumber(event.target.value) })}
        />
      </div>
      <div className="field-row">
        <ListField
          label="Countries"
          name="countries"
          hint="Names or two-letter codes, comma-separated: South Korea, US"
          values={content.work.countries}
          format={(values) => values.join(', ')}
          // Names or codes as typed: the content schema resolves both and stores codes.
          parse={(item) => item}
          errors={
            errors['work.countries'] ??
            Object.entries(errors).find(([key]) => key.startsWith('work.countries.'))?.[1]
          }
          onChange={(countries) => setWork({ countries })}
        />
        <ListField
          label="Languages"
          name="languages"
          hint="Names or codes, comma-separated: Korean, en"
          values={content.work.languages}
          format={(values) => values.join(', ')}
          parse={(item) => item}
          errors={
            errors['work.languages'] ??
            Object.entries(errors).find(([key]) => key.startsWith('work.languages.'))?.[1]
          }
          onChange={(languages) => setWork({ languages })}
        />
      </div>
      <ListField
        label="Genres"
        name="genres"
        hint="Comma-separated: Thriller, Political drama"
        list="genre-suggestions"
        values={content.genres.map((genre) => genre.name)}
        format={(values) => values.join(', ')}
        parse={(item) => item}
        errors={errors.genres}
        onChange={(names) =>
          update((current) => ({
            ...current,
            genres: names
              .map((name) => ({ name, slug: slugify(name) }))
              .filter(
                (genre, index, all) =>
                  genre.slug && all.findIndex((other) => other.slug === genre.slug) === index,
              ),
          }))
        }
      />
      <div className="field-row">
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
        <TextField
          label="Slug"
          name="slug"
          hint="The address: /reviews/your-slug"
          value={content.slug}
          errors={errors.slug}
          onChange={(event) => {
            onSlugEdited();
            update((current) => ({ ...current, slug: event.target.value }));
          }}
        />
      </div>
    </fieldset>
  );
}
