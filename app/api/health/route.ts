import { getDatabaseHealth } from '@/db/queries/health';

export const dynamic = 'force-dynamic';

/** Liveness and database state for load balancers and operators. Public, and reveals no content. */
export async function GET() {
  try {
    const database = await getDatabaseHealth();
    const ok = database.status === 'ok';
    return Response.json(
      { status: ok ? 'ok' : 'degraded', database },
      { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    console.error('Health check could not read the database:', error);
    return Response.json(
      { status: 'error', database: { status: 'unavailable' } },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
