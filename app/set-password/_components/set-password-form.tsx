'use client';

import { useActionState } from 'react';
import { NewPasswordFields } from '@/components/auth/new-password-fields';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { setPasswordFromLink } from '../actions';

export function SetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(setPasswordFromLink, null);
  return (
    <form action={action} className="form auth-form" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields errors={state?.errors} />
      <SubmitButton pendingLabel="Saving…">Set password</SubmitButton>
    </form>
  );
}
