import { createSession } from '../../db/auth/sessions';
import { getDb, type Tx } from '../../db/client';
import { insertUser } from '../../db/users/records';
import type { UserRole } from '../../lib/content/vocabulary';

/**
 * A staff user with a live session, straight in the database, for tests that call the data
 * layer as that user (with next-auth's getServerSession mocked to return `{ sid }`).
 */
export async function addSignedInUser(
  role: UserRole,
  email: string,
  db: Tx = getDb(),
): Promise<{ id: number; sid: string }> {
  return await db.transaction(
    async (tx) => {
      const now = new Date();
      const id = await insertUser(tx, {
        email,
        name: email.split('@')[0]!,
        role,
        passwordHash: 'x',
        now,
      });
      const sid = await createSession(tx, {
        userId: id,
        sessionVersion: 1,
        ip: null,
        userAgent: null,
        now,
      });
      return { id, sid };
    },
    { behavior: 'immediate' },
  );
}
