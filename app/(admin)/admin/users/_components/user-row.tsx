'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { StaffUser } from '@/db/users/admin';
import { USER_ROLES } from '@/lib/content/vocabulary';
import { initialFormState } from '@/lib/forms';
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
  const [roleState, roleAction] = useActionState(changeRoleAction, initialFormState);
  const [activeState, activeAction] = useActionState(
    user.active ? deactivateUserAction : reactivateUserAction,
    initialFormState,
  );
  const [resetState, resetAction] = useActionState(resetPasswordAction, initialFormState);
  const outcomeId = `user-${user.id}-outcome`;
  const latest =
    [resetState, activeState, roleState].find((state) => state.status !== 'idle') ??
    initialFormState;

  return (
    <tr aria-label={user.name}>
      <th scope="row">
        {user.name}
        {isMe && <span className="muted"> (you)</span>}
        <br />
        <span className="muted">{user.email}</span>
      </th>
      <td>
        <form action={roleAction} className="inline-form">
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
          <SubmitButton className="button button-small">Change role</SubmitButton>
        </form>
      </td>
      <td>{user.active ? (user.hasPassword ? 'Active' : 'Invited') : 'Deactivated'}</td>
      <td>{user.lastSignInAt ? dateFormat.format(user.lastSignInAt) : 'Never'}</td>
      <td>
        <div className="row-actions">
          <form action={activeAction}>
            <input type="hidden" name="userId" value={user.id} />
            <SubmitButton className="button button-small">
              {user.active ? 'Deactivate' : 'Reactivate'}
            </SubmitButton>
          </form>
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
