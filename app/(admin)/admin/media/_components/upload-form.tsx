'use client';

import {
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
  type FormEvent,
} from 'react';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { failure, type ActionState } from '@/lib/action-result';
import {
  ACCEPT_ATTRIBUTE,
  MAX_ALT_LENGTH,
  MAX_UPLOAD_BYTES,
  TOO_LARGE_FILE_MESSAGE,
} from '@/lib/media/constants';
import { uploadMediaAction } from '../actions';

export function UploadForm() {
  const [state, action, pending] = useActionState(uploadMediaAction, null);
  // A file over the limit is refused here, before megabytes are sent only to be refused by
  // the server (which checks again, and is the one that decides).
  const [tooLarge, setTooLarge] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // Submitting through onSubmit rather than letting React run the form action keeps the
  // chosen file after a refusal (React resets a form it submitted); clear it after a success.
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const file = formData.get('file');
    if (file instanceof File && file.size > MAX_UPLOAD_BYTES) {
      setTooLarge(true);
      return;
    }
    setTooLarge(false);
    startTransition(() => action(formData));
  }

  const shown: ActionState = tooLarge ? failure(TOO_LARGE_FILE_MESSAGE, { field: 'file' }) : state;
  const values = state?.values ?? {};

  return (
    // `action` stays for a browser without JavaScript, where the form posts it directly.
    <form ref={formRef} action={action} onSubmit={submit} className="form" noValidate>
      <FormMessage state={shown} />
      <TextField
        label="Image"
        name="file"
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        hint="JPEG, PNG, WebP or AVIF, up to 10 MB."
        errors={shown?.errors?.file}
        onChange={() => setTooLarge(false)}
        required
      />
      <TextField
        label="Alt text"
        name="alt"
        maxLength={MAX_ALT_LENGTH}
        hint="Describe what the image shows for readers who cannot see it. Each use in a review can adjust it."
        defaultValue={values.alt}
        errors={shown?.errors?.alt}
      />
      <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
        {pending ? 'Uploading…' : 'Upload'}
      </button>
    </form>
  );
}
