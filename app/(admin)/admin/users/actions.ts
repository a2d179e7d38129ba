'use server';

import { revalidatePath } from 'next/cache';
import {
  changeRole,
  createPasswordResetLink,
  createUser,
  setUserActive,
  type OneTimeLink,
} from '@/db/users/admin';
import { changeRoleSchema, createUserSchema, userIdFormSchema } from '@/lib/auth/user-forms';
import { handleActionErrors, refusedCaller } from '@/lib/action-errors';
import { parseForm, type FormState } from '@/lib/forms';
import { oneTimeLinkMail } from '@/lib/mail/one-time-link-mail';
import { mailConfigured, sendMail } from '@/lib/mail/transport';
import { SITE_NAME, siteUrl } from '@/lib/site';

// Each action parses its form with zod and calls the data layer, which checks that the
// caller may manage users. Fields not named in the schemas are never read.

const linkFor = (token: string) => `${siteUrl()}/set-password?token=${token}`;

export async function createUserAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const refused = await refusedCaller('user:manage');
  if (refused) return refused;
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
    if (!inviteToken)
      return {
        status: 'success',
        message: `${parsed.data.name} was added and can sign in with the password you chose.`,
      };
    const delivery = await deliverLink({
      token: inviteToken,
      purpose: 'invite',
      email: parsed.data.email,
      name: parsed.data.name,
    });
    return linkState(`${parsed.data.name} was added.`, delivery);
  });
}

export async function changeRoleAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const refused = await refusedCaller('user:manage');
  if (refused) return refused;
  const parsed = parseForm(changeRoleSchema, formData, ['userId', 'role']);
  if (!parsed.ok) return parsed.state;
  return handleActionErrors(parsed.values, async () => {
    await changeRole(parsed.data.userId, parsed.data.role);
    revalidatePath('/admin/users');
    return { status: 'success', message: 'Role changed. Their open sessions have ended.' };
  });
}

async function setActive(formData: FormData, active: boolean): Promise<FormState> {
  const refused = await refusedCaller('user:manage');
  if (refused) return refused;
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
  const refused = await refusedCaller('user:manage');
  if (refused) return refused;
  const parsed = parseForm(userIdFormSchema, formData, ['userId']);
  if (!parsed.ok) return parsed.state;
  return handleActionErrors(parsed.values, async () => {
    const link = await createPasswordResetLink(parsed.data.userId);
    return linkState('A one-time password link was made.', await deliverLink(link));
  });
}

type Delivery = { link: string; validFor: string } & (
  { sent: true; to: string } | { sent: false; reason: 'not configured' | 'failed' }
);

/**
 * E-mails a one-time link when SMTP_URL is set; otherwise (or when sending fails) the page
 * shows it, once, for the admin to copy and send. The token is already committed either way.
 */
async function deliverLink(link: OneTimeLink): Promise<Delivery> {
  const url = linkFor(link.token);
  const validFor = link.purpose === 'invite' ? '7 days' : '1 hour';
  if (!mailConfigured()) return { link: url, validFor, sent: false, reason: 'not configured' };
  try {
    await sendMail(
      oneTimeLinkMail({ ...link, to: link.email, link: url, site: SITE_NAME, validFor }),
    );
    return { link: url, validFor, sent: true, to: link.email };
  } catch (error) {
    console.error('A one-time link could not be e-mailed:', error);
    return { link: url, validFor, sent: false, reason: 'failed' };
  }
}

function linkState(done: string, delivery: Delivery): FormState {
  if (delivery.sent)
    return {
      status: 'success',
      message: `${done} It was e-mailed to ${delivery.to}; the link works once, for ${delivery.validFor}.`,
    };
  const why =
    delivery.reason === 'failed'
      ? 'The e-mail could not be sent, so copy this link and send it yourself'
      : 'Copy this link and send it to them (this site sends no e-mail: SMTP_URL is not set)';
  return {
    status: 'success',
    message: `${done} ${why}. It works once, for ${delivery.validFor}:`,
    result: { link: delivery.link },
  };
}
