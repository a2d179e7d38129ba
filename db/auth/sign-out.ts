import 'server-only';
import { getDb } from '../client';
import { recordAudit } from './audit';
import { requestIp } from './request-ip';
import { resolveSession, revokeSession } from './sessions';

/** Signs a session out: the row is revoked, so a replayed cookie is refused from now on. */
export async function endSession(sessionId: string): Promise<void> {
  const db = getDb();
  const user = await resolveSession(db, sessionId);
  await revokeSession(db, sessionId);
  if (user) {
    const ip = await requestIp().catch(() => null);
    await db.transaction(
      async (tx) => await recordAudit(tx, { action: 'auth.sign_out', actor: user, ip }),
    );
  }
}
