import crypto from 'node:crypto';
import { databaseReachable, unavailableResponse } from '@/lib/health';
import { jobToken } from '@/lib/job-token';
import { JOBS } from '@/lib/jobs/registry';
import { runOccurrence } from '@/lib/jobs/runner';

/**
 * Runs every scheduled job now (lib/jobs/registry.ts), for an external cron or an operator, with
 * the job token. The app schedules them itself (lib/jobs/runner.ts); this stays for setups that
 * prefer their own cron (JOBS=off on every instance). Each call is its own recorded occurrence.
 */
export async function POST(request: Request) {
  const given = Buffer.from(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(jobToken());
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return Response.json({ error: 'Không có quyền.' }, { status: 401 });
  }
  if (!(await databaseReachable())) return unavailableResponse(crypto.randomUUID(), true);
  // Unique per call: two calls in the same millisecond are two runs.
  const occurrence = `manual:${new Date().toISOString()}:${crypto.randomBytes(4).toString('hex')}`;
  const results: Record<string, unknown> = {};
  let failed = false;
  try {
    for (const job of JOBS) {
      const outcome = await runOccurrence(job, occurrence);
      results[job.name] = outcome.ran ? (outcome.ok ? outcome.result : { error: 'Thất bại.' }) : { skipped: true };
      if (outcome.ran && !outcome.ok) failed = true;
    }
  } catch (error) {
    // The database went away during the run: the same 503 as the gate, not a 500.
    if (!(await databaseReachable({ fresh: true }))) return unavailableResponse(crypto.randomUUID(), true);
    throw error;
  }
  if (failed && !(await databaseReachable({ fresh: true }))) return unavailableResponse(crypto.randomUUID(), true);
  return Response.json(results, { status: failed ? 500 : 200 });
}
