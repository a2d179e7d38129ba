'use server';

import { revalidatePath } from 'next/cache';
import { changeRole, createPasswordResetLink, createUser, setUserActive } from '@/db/users/admin';
import { changeRoleSchema, createUserSchema, userIdFormSchema } from '@/lib/auth/user-forms';
import { handleActionErrors } from '@/lib/action-errors';
import { parseForm, type FormState } from '@/lib/forms';
import { siteUrl } from '@/lib/site';

// Each action parses its form with zod and calls the data layer, which checks that the
// caller may manage users. Fields not named in the schemas are never read.

const linkFor = (token: string) => `${siteUrl()}/set-password?token=${token}`;

export async function createUserAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(createUserSchema, formData, [
    'email',
    'name',
    'role',
    'method',
    'password',
  ]);
  if (!parsed.ok) return parsed.state;
  return handleActionErrors(parsed.values, async () => {
    const { inviteToken } = await createUser(parsed.data);
    revalidatePath('/admin/users');
    return {
      status: 'success',
      message: inviteToken
        ? `${parsed.data.name} was added. Send them this one-time link to choose their password (valid for 7 days):`
        : `${parsed.data.name} was added and can sign in with the password you chose.`,
      result: inviteToken ? { link: linkFor(inviteToken) } : undefined,
    };
  });
}

export async function changeRoleAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(changeRoleSchema, formData, ['userId', 'role']);
  if (!parsed.ok) return parsed.state;
  return handleActionErrors(parsed.values, async () => {
    await changeRole(parsed.data.userId, parsed.data.role);
    revalidatePath('/admin/users');
    return { status: 'success', message: 'Role changed. Their open sessions have ended.' };
  });
}

async function setActive(formData: FormData, active: boolean): Promise<FormState> {
  const parsed = parseForm(userIdFormSchema, formData, ['userId']);
  if (!parsed.ok) return parsed.state;
  return handleActionErrors(parsed.values, async () => {
    await setUserActive(parsed.data.userId, active);
    revalidatePath('/admin/users');
    return {
      status: 'success',
      message: active ? 'Reactivated.' : 'Deactivated. Their open sessions have ended.',
    };
  });
}

export async function deactivateUserAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  return setActive(formData, false);
}

export async function reactivateUserAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  return setActive(formData, true);
}

export async function resetPasswordAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(userIdFormSchema, formData, ['userId']);
  if (!parsed.ok) return parsed.state;
  return handleActionErrors(parsed.values, async () => {
    const token = await createPasswordResetLink(parsed.data.userId);
    return {
      status: 'success',
      message: 'Send this one-time link to the user to choose a new password:',
      result: { link: linkFor(token) },
    };
  });
}
