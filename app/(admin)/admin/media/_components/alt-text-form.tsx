'use client';

import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { MAX_ALT_LENGTH } from '@/lib/media/constants';
import { updateMediaAltAction } from '../actions';

/**
 * The image's suggested alt text. No maxLength on the input: a longer paste is kept whole and
 * refused with its length ("Use at most 300 characters; this is 342."), rather than cut short
 * without a word. What was typed stays in the field after a refusal.
 */
export function AltTextForm({ id, alt }: { id: number; alt: string }) {
  const [state, action, pending] = useActionState(updateMediaAltAction, null);
  // Without JavaScript the page comes back rendered with the answer: start from what was sent
  // (as stored, after a success).
  const [value, setValue] = useState((state?.ok ? state.alt : state?.values?.alt) ?? alt);
  // On success the field shows the text as stored (trimmed, on one line).
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    if (state?.ok) setValue(state.alt);
  }

  // Submitting through onSubmit rather than letting React run the form action keeps React from
  // resetting the form it submitted; `action` stays for a browser without JavaScript.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  }

  const length = value.trim().length;
  return (
    <form action={action} onSubmit={submit} className="form" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <TextField
        label="Alt text"
        name="alt"
        id="media-alt"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        hint={
          <>
            What the image shows, for readers who cannot see it: offered whenever it is put in a
            review (reviews that already use it keep their own). {length.toLocaleString('en')} of{' '}
            {MAX_ALT_LENGTH} characters.
          </>
        }
        errors={state?.errors?.alt}
        required
      />
      <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
        {pending ? 'Saving…' : 'Save alt text'}
      </button>
    </form>
  );
}
