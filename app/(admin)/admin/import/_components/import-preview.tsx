'use client';

import { startTransition, useActionState, useCallback, useState, type FormEvent } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { CREDIT_ROLE_LABELS } from '@/lib/content/vocabulary';
import { slugify } from '@/lib/text/slug';
// The editor's own field components, so a correction here works exactly as it will there.
import { CreditsEditor } from '../../reviews/_components/credits-editor';
import type { ContentUpdate } from '../../reviews/_components/editor-types';
import { CanvasEditor } from '../../reviews/_components/canvas/canvas-editor';
import { RatingField, SlugField } from '../../reviews/_components/publication-fields';
import { TitleFields } from '../../reviews/_components/title-fields';
import { WorkFields } from '../../reviews/_components/work-fields';
import { createImportedDraftAction } from '../actions';
import { FORMAT_LABELS, type ImportPreview as Preview } from '../_lib/import-state';
import { standingGuesses } from '../_lib/standing-guesses';
import { GUESSED, GuessedList } from './guessed-list';
import styles from './import.module.css';

/**
 * Step 2: what the importer found, in the editor's fields, with every repair and guess listed
 * first and the credits and genres it guessed marked. "Create draft" sends the corrected
 * content; the server checks it like any save.
 */
export function ImportPreview({
  preview,
  people,
  genres,
}: {
  preview: Preview;
  people: string[];
  genres: string[];
}) {
  const [content, setContent] = useState(preview.content);
  const [state, action, pending] = useActionState(createImportedDraftAction, null);
  // Until the slug is typed, it follows the work's title and year, as in the editor (and a
  // taken one is then made free when the draft is created).
  const [slugChosen, setSlugChosen] = useState(false);
  const update: ContentUpdate = useCallback(
    (change) => {
      setContent((current) => {
        const next = change(current);
        if (
          !slugChosen &&
          (next.work.title !== current.work.title || next.work.year !== current.work.year)
        ) {
          return {
            ...next,
            slug: slugify(`${next.work.title} ${next.work.year ?? ''}`) || current.slug,
          };
        }
        return next;
      });
    },
    [slugChosen],
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  }

  const errors = state?.errors ?? {};
  const { warnings } = preview;
  const standing = standingGuesses(preview.content, preview.guesses, content);
  const credited = content.credits.map(
    (credit, index) =>
      `${credit.name} (${CREDIT_ROLE_LABELS[credit.role].one.toLowerCase()}${standing.credits.has(index) ? `, ${GUESSED}` : ''})`,
  );

  return (
    <section aria-labelledby="import-preview-heading" className={styles.preview}>
      <h2 id="import-preview-heading">2. Check what was found</h2>
      <p>
        Read {preview.source} as {FORMAT_LABELS[preview.format]}. Found {content.sections.length}{' '}
        sections
        {credited.length > 0 ? `, and credits for ${credited.join(', ')}` : ', and no credits'}.
        Nothing is saved until you create the draft, and nothing is published.
      </p>
      <form action={action} onSubmit={submit} className="review-editor" noValidate>
        <input type="hidden" name="content" value={JSON.stringify(content)} />
        <input type="hidden" name="source" value={preview.source} />
        <input type="hidden" name="format" value={preview.format} />
        <input type="hidden" name="warnings" value={warnings.length} />
        <input type="hidden" name="slugChosen" value={slugChosen ? 'true' : 'false'} />
        {warnings.length > 0 ? (
          <details className={styles.notes} open>
            <summary>Repairs and guesses to check ({warnings.length})</summary>
            <ol aria-label="Repairs and guesses">
              {warnings.map((warning, index) => (
                <li key={index}>
                  {warning.what} <span className={styles.where}>({warning.where})</span>
                </li>
              ))}
            </ol>
          </details>
        ) : (
          <p className={styles.notes}>No repairs were needed and nothing was guessed.</p>
        )}
        <GuessedList content={content} standing={standing} />
        <datalist id="genre-suggestions">
          {genres.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <TitleFields content={content} update={update} errors={errors} />
        <WorkFields content={content} update={update} errors={errors} />
        <RatingField content={content} update={update} errors={errors} />
        <SlugField
          slug={content.slug}
          update={update}
          errors={errors}
          onSlugEdited={() => setSlugChosen(true)}
        />
        <CreditsEditor credits={content.credits} update={update} errors={errors} people={people} />
        <CanvasEditor
          sections={content.sections}
          onSections={(sections) => update((current) => ({ ...current, sections }))}
          errors={errors}
        />
        <FormMessage state={state} />
        <div className={styles.actions}>
          <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
            {pending ? 'Creating the draft…' : 'Create draft'}
          </button>
        </div>
      </form>
    </section>
  );
}
