'use server';

import { redirect } from 'next/navigation';
import { requestIp } from '@/db/auth/current-user';
import { setUpFirstAdmin } from '@/db/users/one-time-links';
import type { ActionResult, ActionState } from '@/lib/action-result';
import { setupSchema } from '@/lib/auth/user-forms';
import { refusalOf } from '@/lib/errors/action-failure';
import { parseForm } from '@/lib/forms';

const FIELDS = ['token', 'name', 'email', 'password', 'confirm'] as const;

/** Creates the first admin. The one-time token is the authorization, checked in the data layer. */
export async function setupFirstAdmin(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionResult> {
  const parsed = parseForm(setupSchema, formData, FIELDS);
  if (!parsed.ok) return parsed.state;
  const ip = await requestIp();
  const refused = await refusalOf(() => setUpFirstAdmin(parsed.data, ip), {
    values: parsed.values,
  });
  if (refused) return refused;
  // Outside refusalOf: redirect() works by throwing.
  redirect('/login?setup=done');
}
