/**
 * Runs the jobs of lib/jobs/registry.ts on a PostgreSQL-backed queue (pg-boss, decision 013), so
 * they run with a plain `next start`, on any number of instances, exactly once per occurrence:
 *   - pg-boss's scheduler puts one job per cron slot in the job's queue (its own distributed
 *     dedupe), and a queued job is fetched by one instance (SELECT … FOR UPDATE SKIP LOCKED);
 *   - the run is recorded in JobRun under (job, occurrence), unique: a duplicate of the same
 *     occurrence (a retry after a crash, a catch-up racing the schedule) finds the row and skips;
 *   - catch-up: at start and every CATCH_UP_MS, an occurrence whose slot has passed without a
 *     successful run (every instance was down, or the database was) is queued at once;
 *   - a job with `wakeOn` also runs at once, unrecorded, when its NOTIFY channel fires
 *     (lib/jobs/wake.ts: the e-mail sender, decision 019).
 */
import 'server-only';
import cronParser from 'cron-parser';
import PgBoss from 'pg-boss';
import { claimJobRun, finishJobRun, occurrenceSucceeded } from '../data/job-runs';
import { VN_TIME_ZONE } from '../domain/time';
import { log } from '../log';
import { JOBS, RETIRED_JOBS, type JobDefinition } from './registry';
import { listenForWake } from './wake';

export const JOB_TIME_ZONE = VN_TIME_ZONE;
const CATCH_UP_MS = 10 * 60_000;

/** The cron slot an instant belongs to: the latest occurrence at or before it, as an ISO string. */
export function occurrenceAt(cron: string, at: Date): string {
  const interval = cronParser.parseExpression(cron, { tz: JOB_TIME_ZONE, currentDate: new Date(at.getTime() + 1) });
  return interval.prev().toDate().toISOString();
}

export type RunOutcome =
  { ran: true; ok: true; result: unknown } | { ran: true; ok: false; error: string } | { ran: false };

/** Runs one occurrence of a job unless another instance has it or already ran it. */
export async function runOccurrence(job: JobDefinition, occurrence: string): Promise<RunOutcome> {
  const id = await claimJobRun(job.name, occurrence);
  if (id === null) {
    log().debug({ job: job.name, occurrence }, 'job occurrence already taken');
    return { ran: false };
  }
  const started = Date.now();
  try {
    const result = await job.handler();
    await finishJobRun(id, { ok: true, result });
    log().info({ job: job.name, occurrence, result, ms: Date.now() - started }, 'job succeeded');
    return { ran: true, ok: true, result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishJobRun(id, { ok: false, error: message }).catch(() => {});
    log().error({ job: job.name, occurrence, err: error }, 'job failed');
    return { ran: true, ok: false, error: message };
  }
}

type Scheduler = { boss: PgBoss; stop: () => Promise<void>; catchUp: () => Promise<void> };

/**
 * Starts the queue, the schedules and the workers for `jobs` on this instance.
 * `pollingIntervalSeconds`: how often an idle worker looks for queued work.
 */
export async function startScheduler({
  connectionString,
  jobs = JOBS,
  retired = RETIRED_JOBS,
  pollingIntervalSeconds = 5,
  catchUpEveryMs = CATCH_UP_MS,
}: {
  connectionString: string;
  jobs?: readonly JobDefinition[];
  /** Names of jobs no longer run: their schedule is removed, and their queue when it is empty. */
  retired?: readonly string[];
  pollingIntervalSeconds?: number;
  catchUpEveryMs?: number;
}): Promise<Scheduler> {
  const boss = new PgBoss({ connectionString, max: 2, application_name: 'dondoc-jobs' });
  // pg-boss reports lost connections as events; without a listener they would end the process.
  boss.on('error', (error) => log().warn({ err: error }, 'job queue error'));
  await boss.start();
  for (const name of retired) {
    // No new runs; what is queued is dropped. The queue itself goes once pg-boss has purged its
    // finished jobs (they keep it referenced until then): a refusal must not stop the instance.
    await retryOnDeadlock(() => boss.unschedule(name));
    await retryOnDeadlock(() => boss.purgeQueue(name)).catch(() => undefined);
    await retryOnDeadlock(() => boss.deleteQueue(name)).catch((error: unknown) =>
      log().info({ job: name, err: error }, 'retired job queue kept until its finished jobs are purged'),
    );
  }
  for (const job of jobs) {
    // A failed run is retried twice, a minute apart; a run stuck for 30 minutes expires.
    await retryOnDeadlock(() =>
      boss.createQueue(job.name, { name: job.name, retryLimit: 2, retryDelay: 60, expireInMinutes: 30 }),
    );
    await retryOnDeadlock(() => boss.schedule(job.name, job.cron, {}, { tz: JOB_TIME_ZONE }));
    await boss.work<{ occurrence?: string }>(
      job.name,
      { includeMetadata: true, pollingIntervalSeconds },
      async ([queued]) => {
        if (!queued) return;
        const occurrence = queued.data?.occurrence ?? occurrenceAt(job.cron, queued.createdOn);
        const outcome = await runOccurrence(job, occurrence);
        // A failure is thrown back so pg-boss retries it; the JobRun row is claimable again.
        if (outcome.ran && !outcome.ok) throw new Error(outcome.error);
        return outcome;
      },
    );
  }
  const listeners = jobs
    .filter((job) => job.wakeOn)
    .map((job) => listenForWake({ connectionString, channel: job.wakeOn!, run: job.handler }));
  const catchUp = async () => {
    for (const job of jobs) {
      const occurrence = occurrenceAt(job.cron, new Date());
      if (await occurrenceSucceeded(job.name, occurrence)) continue;
      // singletonKey: a second instance catching up at the same moment queues nothing more.
      await boss.send(job.name, { occurrence }, { singletonKey: occurrence });
    }
  };
  await catchUp().catch((error: unknown) => log().warn({ err: error }, 'job catch-up failed'));
  const timer = setInterval(() => {
    catchUp().catch((error: unknown) => log().warn({ err: error }, 'job catch-up failed'));
  }, catchUpEveryMs);
  timer.unref();
  return {
    boss,
    catchUp,
    stop: async () => {
      clearInterval(timer);
      await Promise.all(listeners.map((l) => l.stop()));
      await boss.stop({ graceful: true, close: true, wait: true, timeout: 20_000 });
    },
  };
}

/**
 * Instances starting at the same moment create the same queues and schedules; pg-boss's statements
 * can then deadlock in PostgreSQL (seen in tests/integration/jobs.test.ts). The loser of a
 * deadlock is rolled back whole, so trying again is safe; a few tries with a random pause suffice.
 */
async function retryOnDeadlock<T>(work: () => Promise<T>, tries = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== '40P01' || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}
