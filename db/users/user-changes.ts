import { eq } from 'drizzle-orm';
import type { UserRole } from '../../lib/content/vocabulary';
import { invalidInput } from '../../lib/errors/app-error';
import { recordAudit } from '../auth/audit';
import type { Tx } from '../client';
import { users } from '../schema';
import { insertUser, issueToken } from './records';

// The writes behind adding a user and issuing a password link, each with its audit entry, inside
// a transaction the caller holds. Two callers run them: the admin pages (db/users/admin.ts, after
// a permission check) and the operator's command-line tools (db/users/operator.ts).

/** Who the audit log names: a signed-in admin and their address, or no one (the operator). */
export type AuditedBy = {
  actor?: { id: number; email: string };
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** A one-time link just issued, with whom it is for (to e-mail it). */
export type OneTimeLink = {
  token: string;
  purpose: 'invite' | 'reset';
  email: string;
  name: string;
};

type NewUser = { email: string; name: string; role: UserRole; passwordHash: string | null };

/** Adds a user; with `invite`, also issues the invitation link's token. */
export async function addUser(
  tx: Tx,
  user: NewUser & { invite: boolean },
  by: AuditedBy,
  now: Date,
): Promise<{ userId: number; inviteToken: string | null }> {
  const userId = await insertUser(tx, { ...user, now });
  const inviteToken = user.invite ? await issueToken(tx, { userId, purpose: 'invite', now }) : null;
  await recordAudit(
    tx,
    {
      action: 'user.create',
      actor: by.actor,
      ip: by.ip,
      target: { type: 'user', id: userId, label: user.email },
      details: { role: user.role, ...by.details },
    },
    now,
  );
  return { userId, inviteToken };
}

export type UserRow = typeof users.$inferSelect;

export async function findUserById(tx: Tx, userId: number): Promise<UserRow> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user) throw invalidInput('This user no longer exists.');
  return user;
}

export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow> {
  const [user] = await tx.select().from(users).where(eq(users.email, email));
  if (!user) throw invalidInput(`No user has the email ${email}.`);
  return user;
}

/** A one-time link to choose a password: a reset, or an invitation for one who never had one. */
export async function issuePasswordLink(
  tx: Tx,
  user: UserRow,
  by: AuditedBy,
  now: Date,
): Promise<OneTimeLink> {
  const purpose = user.passwordHash ? 'reset' : 'invite';
  const token = await issueToken(tx, { userId: user.id, purpose, now });
  await recordAudit(
    tx,
    {
      action: 'user.password_reset_link',
      actor: by.actor,
      ip: by.ip,
      target: { type: 'user', id: user.id, label: user.email },
      ...(by.details ? { details: by.details } : {}),
    },
    now,
  );
  return { token, purpose, email: user.email, name: user.name };
}
