import { databaseReachable } from '@/lib/health';

/** Readiness: 200 when the database answers within 2 s, 503 otherwise (for the load balancer). */
export async function GET() {
  const database = await databaseReachable();
  return Response.json(
    { status: database ? 'ready' : 'unavailable', database: database ? 'ok' : 'unreachable' },
    { status: database ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
