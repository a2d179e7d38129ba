'use client';

import { SelectField, TextField } from '@/components/ui/field';
import type { ReviewContent } from '@/lib/content/review-content';
import { WORK_KINDS } from '@/lib/content/vocabulary';
import { slugify } from '@/lib/text/slug';
import { toNumber, type ContentUpdate, type FieldErrors } from './editor-types';
import { ListField } from './list-field';

/** The work's facts: title, year, kind, runtime, countries, languages, genres. */
export function WorkFields({
  content,
  update,
  errors,
}: {
  content: Pick<ReviewContent, 'work' | 'genres'>;
  update: ContentUpdate;
  errors: FieldErrors;
}) {
  const setWork = (changes: Partial<ReviewContent['work']>) =>
    update((current) => ({ ...current, work: { ...current.work, ...changes } }));
  return (
    <fieldset className="editor-fieldset">
      <legend>The work</legend>
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
    </fieldset>
  );
}
