'use client';

import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { failure, type ActionState } from '@/lib/action-result';
import { MAX_ARTICLE_BYTES } from '@/lib/import/types';
import { previewImportAction } from '../actions';
import { ACCEPTED_FILES } from '../_lib/import-state';
import { ImportPreview } from './import-preview';
import styles from './import.module.css';

const TOO_LARGE = 'The file is larger than 2 MB.';

/** Step 1, the article (pasted or uploaded); step 2, once read, the preview to correct. */
export function ImportWorkflow({ people, genres }: { people: string[]; genres: string[] }) {
  const [state, action, pending] = useActionState(previewImportAction, null);
  // Kept here rather than in the form, so a refused preview never empties the text box.
  const [text, setText] = useState('');
  const [tooLarge, setTooLarge] = useState(false);

  // Submitting through onSubmit keeps the chosen file and format after an answer (React resets
  // a form it submits itself). A file over the limit is refused before it is sent.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const file = formData.get('file');
    if (file instanceof File && file.size > MAX_ARTICLE_BYTES) {
      setTooLarge(true);
      return;
    }
    setTooLarge(false);
    startTransition(() => action(formData));
  }

  const shown: ActionState = tooLarge ? failure(TOO_LARGE, { field: 'file' }) : state;
  const textError = shown?.errors?.text;
  const preview = state?.preview;

  return (
    <>
      <section aria-labelledby="import-source-heading">
        <h2 id="import-source-heading">1. The article</h2>
        <form action={action} onSubmit={submit} className={styles.source} noValidate>
          <FormMessage state={shown} />
          <div className="field">
            <label htmlFor="field-text">Article text</label>
            <p className="field-hint" id="field-text-hint">
              Plain text, Markdown or HTML, as copied from the old site or document.
            </p>
            <textarea
              id="field-text"
              name="text"
              rows={14}
              spellCheck={false}
              value={text}
              aria-invalid={textError ? true : undefined}
              aria-describedby={textError ? 'field-text-hint field-text-error' : 'field-text-hint'}
              onChange={(event) => setText(event.target.value)}
            />
            {textError && (
              <p className="field-error" id="field-text-error">
                {textError.join(' ')}
              </p>
            )}
          </div>
          <TextField
            label="Or upload a file"
            name="file"
            type="file"
            accept={ACCEPTED_FILES}
            hint=".txt, .md or .html, up to 2 MB. A chosen file is read instead of the text above."
            errors={shown?.errors?.file}
            onChange={() => setTooLarge(false)}
          />
          <SelectField
            label="Format"
            name="format"
            defaultValue="auto"
            errors={shown?.errors?.format}
          >
            <option value="auto">Detect automatically</option>
            <option value="text">Plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </SelectField>
          <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
            {pending ? 'Reading…' : 'Preview'}
          </button>
        </form>
      </section>
      {preview && (
        <ImportPreview key={preview.id} preview={preview} people={people} genres={genres} />
      )}
    </>
  );
}
