/**
 * Liveness: the process answers. Never touches the database, so a database outage does not make
 * an orchestrator restart healthy instances (readiness, /api/health/ready, takes them out instead).
 */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
