'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/db/auth/current-user';
import {
  changeRole,
  createPasswordResetLink,
  createUser,
  setUserActive,
  type OneTimeLink,
} from '@/db/users/admin';
import { changeRoleSchema, createUserSchema, userIdFormSchema } from '@/lib/auth/user-forms';
import type { ActionResult, ActionState } from '@/lib/action-result';
import { refusalOf, settle } from '@/lib/errors/action-failure';
import { parseForm } from '@/lib/forms';
import { oneTimeLinkMail } from '@/lib/mail/one-time-link-mail';
import { mailConfigured, sendMail } from '@/lib/mail/transport';
import { SITE_NAME, siteUrl } from '@/lib/site';

// Each action parses its form with zod and calls the data layer, which checks that the
// caller may manage users. Fields not named in the schemas are never read.

/** A user action's answer; `link` is a one-time link to show once, when it was not e-mailed. */
export type UserActionResult = ActionResult<{ link?: string }>;

/** Who is asking, before a form is read: a stranger's input is never parsed. */
const refusedCaller = () => refusalOf(() => requirePermission('user:manage'));

const linkFor = (token: string) => `${siteUrl()}/set-password?token=${token}`;

export async function createUserAction(
  _previous: ActionState,
  formData: FormData,
): Promise<UserActionResult> {
  const refused = await refusedCaller();
  if (refused) return refused;
  const parsed = parseForm(createUserSchema, formData, [
    'email',
    'name',
    'role',
    'method',
    'password',
  ]);
  if (!parsed.ok) return parsed.state;
  return settle(
    async (): Promise<UserActionResult> => {
      const { inviteToken } = await createUser(parsed.data);
      revalidatePath('/admin/users');
      if (!inviteToken)
        return {
          ok: true,
          message: `${parsed.data.name} was added and can sign in with the password you chose.`,
        };
      const delivery = await deliverLink({
        token: inviteToken,
        purpose: 'invite',
        email: parsed.data.email,
        name: parsed.data.name,
      });
      return linkState(`${parsed.data.name} was added.`, delivery);
    },
    { values: parsed.values },
  );
}

export async function changeRoleAction(
  _previous: ActionState,
  formData: FormData,
): Promise<UserActionResult> {
  const refused = await refusedCaller();
  if (refused) return refused;
  const parsed = parseForm(changeRoleSchema, formData, ['userId', 'role']);
  if (!parsed.ok) return parsed.state;
  return settle(
    async (): Promise<UserActionResult> => {
      await changeRole(parsed.data.userId, parsed.data.role);
      revalidatePath('/admin/users');
      return { ok: true, message: 'Role changed. Their open sessions have ended.' };
    },
    { values: parsed.values },
  );
}

async function setActive(formData: FormData, active: boolean): Promise<UserActionResult> {
  const refused = await refusedCaller();
  if (refused) return refused;
  const parsed = parseForm(userIdFormSchema, formData, ['userId']);
  if (!parsed.ok) return parsed.state;
  return settle(
    async (): Promise<UserActionResult> => {
      await setUserActive(parsed.data.userId, active);
      revalidatePath('/admin/users');
      return {
        ok: true,
        message: active ? 'Reactivated.' : 'Deactivated. Their open sessions have ended.',
      };
    },
    { values: parsed.values },
  );
}

export async function deactivateUserAction(
  _previous: ActionState,
  formData: FormData,
): Promise<UserActionResult> {
  return setActive(formData, false);
}

export async function reactivateUserAction(
  _previous: ActionState,
  formData: FormData,
): Promise<UserActionResult> {
  return setActive(formData, true);
}

export async function resetPasswordAction(
  _previous: ActionState,
  formData: FormData,
): Promise<UserActionResult> {
  const refused = await refusedCaller();
  if (refused) return refused;
  const parsed = parseForm(userIdFormSchema, formData, ['userId']);
  if (!parsed.ok) return parsed.state;
  return settle(
    async (): Promise<UserActionResult> => {
      const link = await createPasswordResetLink(parsed.data.userId);
      return linkState('A one-time password link was made.', await deliverLink(link));
    },
    { values: parsed.values },
  );
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

function linkState(done: string, delivery: Delivery): UserActionResult {
  if (delivery.sent)
    return {
      ok: true,
      message: `${done} It was e-mailed to ${delivery.to}; the link works once, for ${delivery.validFor}.`,
    };
  const why =
    delivery.reason === 'failed'
      ? 'The e-mail could not be sent, so copy this link and send it yourself'
      : 'Copy this link and send it to them (this site sends no e-mail: SMTP_URL is not set)';
  return {
    ok: true,
    message: `${done} ${why}. It works once, for ${delivery.validFor}:`,
    link: delivery.link,
  };
}
