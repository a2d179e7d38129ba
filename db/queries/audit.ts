import 'server-only';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { AuditAction } from '../../lib/content/vocabulary';
import { requirePermission } from '../auth/current-user';
import { getDb } from '../client';
import { auditLog, users } from '../schema';

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = { actorId?: number; action?: AuditAction; page: number };

/** A page of the audit log, newest first. Admins only. */
export async function listAuditLog(filter: AuditFilter) {
  await requirePermission('audit:read');
  const conditions: SQL[] = [];
  if (filter.actorId !== undefined) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action !== undefined) conditions.push(eq(auditLog.action, filter.action));
  const rows = await getDb()
    .select()
    .from(auditLog)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE);
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), hasNext: rows.length > AUDIT_PAGE_SIZE };
}

/** Everyone who can appear as an actor, for the filter. Admins only. */
export async function listAuditActors() {
  await requirePermission('audit:read');
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .orderBy(asc(users.name));
}
