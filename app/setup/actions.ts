'use server';

import { redirect } from 'next/navigation';
import { requestIp } from '@/db/auth/current-user';
import { getDb } from '@/db/client';
import { UserInputError } from '@/db/users/records';
import { completeSetup } from '@/db/users/setup';
import { setupSchema } from '@/lib/auth/user-forms';
import { errorState, parseForm, type FormState } from '@/lib/forms';

const FIELDS = ['token', 'name', 'email', 'password', 'confirm'] as const;

/** Creates the first admin. The one-time token is the authorization, checked in the data layer. */
export async function setupFirstAdmin(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(setupSchema, formData, FIELDS);
  if (!parsed.ok) return parsed.state;
  try {
    await completeSetup(getDb(), parsed.data, await requestIp());
  } catch (error) {
    if (error instanceof UserInputError)
      return errorState(error.message, parsed.values, error.field);
    throw error;
  }
  redirect('/login?setup=done');
}
