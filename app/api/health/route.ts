import { getDatabaseHealth } from '@/db/queries/health';
import { cacheHealth } from '@/lib/cache/shared-cache-state';

export const dynamic = 'force-dynamic';

/**
 * Liveness, database and cache state for load balancers and operators. Public, and reveals no
 * content. A degraded shared cache leaves the status alone: the instance still serves, rendering
 * every page, and taking it out of the pool would not bring Redis back.
 */
export async function GET() {
  const cache = await cacheHealth();
  try {
    const database = await getDatabaseHealth();
    const ok = database.status === 'ok';
    return Response.json(
      { status: ok ? 'ok' : 'degraded', database, cache },
      { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    console.error('Health check could not read the database:', error);
    return Response.json(
      { status: 'error', database: { status: 'unavailable' }, cache },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
