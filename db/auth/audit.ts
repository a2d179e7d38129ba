import type { AuditAction } from '../../lib/content/vocabulary';
import type { Tx } from '../client';
import { auditLog } from '../schema';

export type AuditEntry = {
  action: AuditAction;
  actor?: { id: number; email: string } | null;
  /** For anonymous events: the email that was typed. */
  actorEmail?: string | null;
  target?: { type: string; id: string | number; label?: string | null } | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
};

/** Appends one record to the audit log, inside the caller's transaction. */
export async function recordAudit(tx: Tx, entry: AuditEntry, now = new Date()): Promise<void> {
  await tx.insert(auditLog).values({
    createdAt: now,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? entry.actorEmail ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target ? String(entry.target.id) : null,
    targetLabel: entry.target?.label ?? null,
    ip: entry.ip ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  });
}
