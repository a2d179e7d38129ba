import 'server-only';
import { asc } from 'drizzle-orm';
import { hashPassword } from '../../lib/auth/password-hash';
import type { CreateUserInput } from '../../lib/auth/user-forms';
import type { UserRole } from '../../lib/content/vocabulary';
import { invalidInput } from '../../lib/errors/app-error';
import { recordAudit } from '../auth/audit';
import { requestIp, requirePermission } from '../auth/current-user';
import { getDb, type Tx } from '../client';
import { users } from '../schema';
import { otherActiveAdmins, updateUserSecurity } from './records';
import { addUser, findUserById, issuePasswordLink, type OneTimeLink } from './user-changes';

// User administration. Every function checks 'user:manage' itself, so a Server Action posted
// directly, by anyone, gets exactly the same answer as the admin page.

export type StaffUser = {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  active: boolean;
  hasPassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export async function listUsers(): Promise<StaffUser[]> {
  await requirePermission('user:manage');
  const rows = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      passwordHash: users.passwordHash,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.name), asc(users.id));
  return rows.map(({ passwordHash, ...user }) => ({ ...user, hasPassword: passwordHash !== null }));
}

type AdminContext = { actor: { id: number; email: string }; ip: string | null; now: Date };

/** Checks 'user:manage', then runs the change in one IMMEDIATE transaction. */
async function asUserAdmin<T>(change: (tx: Tx, context: AdminContext) => Promise<T>): Promise<T> {
  const actor = await requirePermission('user:manage');
  const ip = await requestIp();
  return getDb().transaction((tx) => change(tx, { actor, ip, now: new Date() }));
}

/** Creates a user; with the invite method, returns the one-time link token. */
export async function createUser(
  input: CreateUserInput,
): Promise<{ userId: number; inviteToken: string | null }> {
  const passwordHash = input.method === 'password' ? await hashPassword(input.password) : null;
  return asUserAdmin(
    async (tx, { actor, ip, now }) =>
      await addUser(
        tx,
        {
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          invite: input.method === 'invite',
        },
        { actor, ip, details: { method: input.method } },
        now,
      ),
  );
}

export async function changeRole(userId: number, role: UserRole): Promise<void> {
  await asUserAdmin(async (tx, { actor, ip, now }) => {
    const target = await findUserById(tx, userId);
    if (target.role === role) return;
    if (target.role === 'admin' && target.active && (await otherActiveAdmins(tx, userId)) === 0) {
      throw invalidInput(
        'The last active admin cannot be demoted. Make someone else an admin first.',
      );
    }
    await updateUserSecurity(tx, userId, { role }, now);
    await recordAudit(
      tx,
      {
        action: 'user.role_change',
        actor,
        ip,
        target: { type: 'user', id: userId, label: target.email },
        details: { from: target.role, to: role },
      },
      now,
    );
  });
}

export async function setUserActive(userId: number, active: boolean): Promise<void> {
  await asUserAdmin(async (tx, { actor, ip, now }) => {
    const target = await findUserById(tx, userId);
    if (target.active === active) return;
    if (!active && userId === actor.id) {
      throw invalidInput('You cannot deactivate yourself: ask another admin.');
    }
    if (!active && target.role === 'admin' && (await otherActiveAdmins(tx, userId)) === 0) {
      throw invalidInput('The last active admin cannot be deactivated.');
    }
    await updateUserSecurity(tx, userId, { active }, now);
    await recordAudit(
      tx,
      {
        action: active ? 'user.reactivate' : 'user.deactivate',
        actor,
        ip,
        target: { type: 'user', id: userId, label: target.email },
      },
      now,
    );
  });
}

/** Issues a one-time password reset link (valid for an hour) and returns its token. */
export async function createPasswordResetLink(userId: number): Promise<OneTimeLink> {
  return asUserAdmin(async (tx, { actor, ip, now }) =>
    issuePasswordLink(tx, await findUserById(tx, userId), { actor, ip }, now),
  );
}

export type { OneTimeLink };
