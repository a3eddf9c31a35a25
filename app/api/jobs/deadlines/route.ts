import crypto from 'node:crypto';
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
  const occurrence = `manual:${new Date().toISOString()}`;
  const results: Record<string, unknown> = {};
  let failed = false;
  for (const job of JOBS) {
    const outcome = await runOccurrence(job, occurrence);
    results[job.name] = outcome.ran ? (outcome.ok ? outcome.result : { error: 'Thất bại.' }) : { skipped: true };
    if (outcome.ran && !outcome.ok) failed = true;
  }
  return Response.json(results, { status: failed ? 500 : 200 });
}
