'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui/field';
import { NewPasswordFields } from '@/components/auth/new-password-fields';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { setupFirstAdmin } from '../actions';

export function SetupForm({ token }: { token: string }) {
  const [state, action] = useActionState(setupFirstAdmin, null);
  return (
    <form action={action} className="form auth-form" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        defaultValue={state?.values?.name}
        errors={state?.errors?.name}
        required
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={state?.values?.email}
        errors={state?.errors?.email}
        required
      />
      <NewPasswordFields errors={state?.errors} />
      <SubmitButton pendingLabel="Creating…">Create admin</SubmitButton>
    </form>
  );
}
