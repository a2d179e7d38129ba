'use server';

import { redirect } from 'next/navigation';
import { requestIp } from '@/db/auth/current-user';
import { choosePasswordFromLink } from '@/db/users/one-time-links';
import type { ActionResult, ActionState } from '@/lib/action-result';
import { setPasswordSchema } from '@/lib/auth/user-forms';
import { refusalOf } from '@/lib/errors/action-failure';
import { parseForm } from '@/lib/forms';

const FIELDS = ['token', 'password', 'confirm'] as const;

/** Sets a password from an invitation or reset link; the one-time token is the authorization. */
export async function setPasswordFromLink(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionResult> {
  const parsed = parseForm(setPasswordSchema, formData, FIELDS);
  if (!parsed.ok) return parsed.state;
  const ip = await requestIp();
  const refused = await refusalOf(() => choosePasswordFromLink(parsed.data, ip));
  if (refused) return refused;
  // Outside refusalOf: redirect() works by throwing.
  redirect('/login?password=set');
}
