'use client';

import { useActionState, useState } from 'react';
import { ConfirmInPlace } from '@/components/ui/confirm-in-place';
import { SubmitButton } from '@/components/ui/submit-button';
import type { StaffUser } from '@/db/users/admin';
import { USER_ROLES } from '@/lib/content/vocabulary';
import {
  changeRoleAction,
  deactivateUserAction,
  reactivateUserAction,
  resetPasswordAction,
} from '../actions';
import { ActionOutcome } from './one-time-link';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function UserRow({ user, isMe }: { user: StaffUser; isMe: boolean }) {
  const [roleState, roleAction] = useActionState(changeRoleAction, null);
  const [activeState, activeAction] = useActionState(
    user.active ? deactivateUserAction : reactivateUserAction,
    null,
  );
  const [resetState, resetAction] = useActionState(resetPasswordAction, null);
  const outcomeId = `user-${user.id}-outcome`;
  const latest = resetState ?? activeState ?? roleState;

  return (
    <tr aria-label={user.name}>
      <th scope="row">
        {user.name}
        {isMe && <span className="muted"> (you)</span>}
        <br />
        <span className="muted">{user.email}</span>
      </th>
      <td>
        {/* Keyed by the stored role: after any change (or a refusal) the row shows what is
            stored, and a second click cannot silently send the old value back. */}
        <form action={roleAction} className="inline-form" key={user.role}>
          <input type="hidden" name="userId" value={user.id} />
          <label className="visually-hidden" htmlFor={`role-${user.id}`}>
            Role of {user.name}
          </label>
          <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
            {USER_ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <SubmitButton className="button button-small button-quiet">Change role</SubmitButton>
        </form>
      </td>
      <td>{user.active ? (user.hasPassword ? 'Active' : 'Invited') : 'Deactivated'}</td>
      <td>{user.lastSignInAt ? dateFormat.format(user.lastSignInAt) : 'Never'}</td>
      <td>
        <div className="row-actions">
          {user.active ? (
            isMe ? null : (
              <DeactivateControl name={user.name} userId={user.id} action={activeAction} />
            )
          ) : (
            <form action={activeAction}>
              <input type="hidden" name="userId" value={user.id} />
              <SubmitButton className="button button-small button-quiet">Reactivate</SubmitButton>
            </form>
          )}
          <form action={resetAction}>
            <input type="hidden" name="userId" value={user.id} />
            <SubmitButton className="button button-small button-quiet">Reset password</SubmitButton>
          </form>
        </div>
        <ActionOutcome state={latest} id={outcomeId} />
      </td>
    </tr>
  );
}

/**
 * Deactivation ends every session of that person at once, so it is a quiet button that asks
 * first, in place (no dialog): "Deactivate Ana? …" with the real button and Cancel.
 */
function DeactivateControl({
  name,
  userId,
  action,
}: {
  name: string;
  userId: number;
  action: (formData: FormData) => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className="button button-small button-quiet"
        onClick={() => setAsking(true)}
      >
        Deactivate…
      </button>
    );
  return (
    <ConfirmInPlace
      label={`Deactivate ${name}`}
      question={`Deactivate ${name}? They are signed out at once and cannot sign in.`}
      confirm="Deactivate"
      action={action}
      fields={{ userId }}
      onCancel={() => setAsking(false)}
    />
  );
}
