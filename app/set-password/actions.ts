'use server';

import { redirect } from 'next/navigation';
import { requestIp } from '@/db/auth/current-user';
import { getDb } from '@/db/client';
import { UserInputError } from '@/db/users/records';
import { setPasswordWithToken } from '@/db/users/setup';
import { setPasswordSchema } from '@/lib/auth/user-forms';
import { errorState, parseForm, type FormState } from '@/lib/forms';

const FIELDS = ['token', 'password', 'confirm'] as const;

/** Sets a password from an invitation or reset link; the one-time token is the authorization. */
export async function setPasswordFromLink(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(setPasswordSchema, formData, FIELDS);
  if (!parsed.ok) return parsed.state;
  try {
    await setPasswordWithToken(getDb(), parsed.data, await requestIp());
  } catch (error) {
    if (error instanceof UserInputError) return errorState(error.message);
    throw error;
  }
  redirect('/login?password=set');
}
