import crypto from 'node:crypto';
import { snapshotTrendCutoffs } from '@/lib/data/jobs';
import { cleanUpLoginThrottle } from '@/lib/data/login-throttle';
import { generateDeadlineNotifications } from '@/lib/data/notifications';
import { jobToken } from '@/lib/job-token';

/** Deadline reminders and the clean-up of old login counters. Called hourly by the launcher (scripts/lib/launch.ts), or by any cron, with the job token. */
export async function POST(request: Request) {
  const given = Buffer.from(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(jobToken());
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return Response.json({ error: 'Không có quyền.' }, { status: 401 });
  }
  const created = await generateDeadlineNotifications();
  // The trend's past cut-offs, computed once as they pass instead of on a chairman's first look.
  const cutoffs = await snapshotTrendCutoffs();
  // Login counters idle for an hour, known addresses unused for 90 days (decision 011).
  const cleaned = await cleanUpLoginThrottle();
  return Response.json({ created, cutoffs, cleaned });
}
