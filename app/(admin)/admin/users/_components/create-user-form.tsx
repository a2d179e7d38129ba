'use client';

import { useActionState, useState } from 'react';
import { SelectField, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { USER_ROLES } from '@/lib/content/vocabulary';
import { createUserAction } from '../actions';
import { ActionOutcome } from './one-time-link';

export function CreateUserForm() {
  const [state, action] = useActionState(createUserAction, null);
  const [method, setMethod] = useState(
    state?.values?.method === 'password' ? 'password' : 'invite',
  );
  // A successful submit clears the form (the key changes); a failed one keeps what was typed.
  const values = state?.values ?? {};
  return (
    <form action={action} className="form" noValidate key={state?.ok ? state.message : 'form'}>
      <ActionOutcome state={state} />
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        defaultValue={values.name}
        errors={state?.errors?.name}
        required
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        defaultValue={values.email}
        errors={state?.errors?.email}
        required
      />
      <SelectField
        label="Role"
        name="role"
        defaultValue={values.role ?? 'writer'}
        errors={state?.errors?.role}
      >
        {USER_ROLES.map((role) => (
          <option key={role} value={role}>
            {role[0]!.toUpperCase() + role.slice(1)}
          </option>
        ))}
      </SelectField>
      <fieldset className="field">
        <legend>How they get a password</legend>
        <label className="choice">
          <input
            type="radio"
            name="method"
            value="invite"
            checked={method === 'invite'}
            onChange={() => setMethod('invite')}
          />
          Send a one-time invite link
        </label>
        <label className="choice">
          <input
            type="radio"
            name="method"
            value="password"
            checked={method === 'password'}
            onChange={() => setMethod('password')}
          />
          Set a temporary password now
        </label>
      </fieldset>
      {method === 'password' && (
        <TextField
          label="Temporary password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="12 to 256 characters. Share it with them privately."
          errors={state?.errors?.password}
          required
        />
      )}
      <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
    </form>
  );
}
