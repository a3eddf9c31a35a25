import 'server-only';
import { getDb, Prisma } from '../db';
import { requirePermission } from './guard';

/**
 * Runs of the scheduled jobs (decision 013). The row of (job, occurrence) is the claim: whichever
 * instance inserts it runs the occurrence; another instance that reaches the same occurrence gets
 * no row back and skips it. A failed run, or one left RUNNING longer than STALE_MS (its instance
 * died), can be claimed again by the retry.
 */
const STALE_MS = 30 * 60_000;

/** The claim: the run's id, or null when another instance has it (or it already succeeded). */
export async function claimJobRun(job: string, occurrence: string, now = new Date()): Promise<number | null> {
  const stale = new Date(now.getTime() - STALE_MS);
  const rows = await getDb().$queryRaw<{ id: number }[]>(Prisma.sql`
    INSERT INTO "JobRun" ("job", "occurrence", "status", "startedAt")
    VALUES (${job}, ${occurrence}, 'RUNNING', ${now})
    ON CONFLICT ("job", "occurrence") DO UPDATE
      SET "status" = 'RUNNING', "startedAt" = EXCLUDED."startedAt", "finishedAt" = NULL,
          "error" = NULL, "attempts" = "JobRun"."attempts" + 1
      WHERE "JobRun"."status" = 'FAILED' OR ("JobRun"."status" = 'RUNNING' AND "JobRun"."startedAt" < ${stale})
    RETURNING "id"`);
  return rows[0]?.id ?? null;
}

export async function finishJobRun(
  id: number,
  outcome: { ok: true; result: unknown } | { ok: false; error: string },
): Promise<void> {
  await getDb().jobRun.update({
    where: { id },
    data: outcome.ok
      ? { status: 'SUCCEEDED', finishedAt: new Date(), result: (outcome.result ?? null) as Prisma.InputJsonValue }
      : { status: 'FAILED', finishedAt: new Date(), error: outcome.error.slice(0, 500) },
  });
}

/** Whether this occurrence already ran to the end (no catch-up needed). */
export async function occurrenceSucceeded(job: string, occurrence: string): Promise<boolean> {
  const row = await getDb().jobRun.findUnique({
    where: { job_occurrence: { job, occurrence } },
    select: { status: true },
  });
  return row?.status === 'SUCCEEDED';
}

export type JobRunView = {
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: Date;
  finishedAt: Date | null;
  result: unknown;
  error: string | null;
  attempts: number;
};

/** The administrator's view: the latest run of each job, and its latest success. */
export async function listJobRuns(
  jobs: readonly string[],
): Promise<Record<string, { last: JobRunView | null; lastSuccessAt: Date | null }>> {
  await requirePermission('audit:read');
  const db = getDb();
  const select = { status: true, startedAt: true, finishedAt: true, result: true, error: true, attempts: true };
  const entries = await Promise.all(
    jobs.map(async (job) => {
      const [last, success] = await Promise.all([
        db.jobRun.findFirst({ where: { job }, orderBy: { startedAt: 'desc' }, select }),
        db.jobRun.findFirst({
          where: { job, status: 'SUCCEEDED' },
          orderBy: { startedAt: 'desc' },
          select: { finishedAt: true },
        }),
      ]);
      return [job, { last, lastSuccessAt: success?.finishedAt ?? null }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Days of run history kept (the administrator sees the last run and the last success of each job). */
export const JOB_RUN_KEEP_DAYS = 90;

/**
 * A system job (lib/jobs/registry.ts): deletes runs that started more than `keepDays` ago, except
 * each job's latest run and latest success, which /admin/audit shows however old they are — but
 * not for a job of `retired` (lib/jobs/registry.ts RETIRED_JOBS), which no page shows: its old
 * runs all go. pg-boss keeps and purges its own queue tables (it deletes finished jobs after 7 days).
 */
export async function cleanUpJobRuns(
  now = new Date(),
  keepDays = JOB_RUN_KEEP_DAYS,
  retired: readonly string[] = [],
): Promise<{ deleted: number }> {
  const before = new Date(now.getTime() - keepDays * 86_400_000);
  const deleted = await getDb().$executeRaw`
    DELETE FROM "JobRun" r
    WHERE r."startedAt" < ${before}
      AND (r.job = ANY(${[...retired]}::text[]) OR (
        r.id <> (SELECT l.id FROM "JobRun" l WHERE l.job = r.job ORDER BY l."startedAt" DESC, l.id DESC LIMIT 1)
        AND r.id IS DISTINCT FROM (SELECT s.id FROM "JobRun" s WHERE s.job = r.job AND s.status = 'SUCCEEDED'
                                   ORDER BY s."startedAt" DESC, s.id DESC LIMIT 1)))`;
  return { deleted };
}
