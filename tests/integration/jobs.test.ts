/**
 * Scheduled jobs (decision 013): two schedulers (as two instances would) on one database run an
 * occurrence once; a missed occurrence is caught up at start; failures are recorded and retried;
 * the registry's real jobs run on the seeded city; the administrator reads the runs.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: async () => currentUser(),
}));
process.env.LOG_LEVEL = 'silent';

const { getDb } = await import('../../lib/db');
const { claimJobRun, cleanUpJobRuns, listJobRuns } = await import('../../lib/data/job-runs');
const { JOBS, RETIRED_JOBS } = await import('../../lib/jobs/registry');
const { occurrenceAt, runOccurrence, startScheduler } = await import('../../lib/jobs/runner');

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
});

/** Polls until `done` holds (no assertion on how long it takes: the test timeout bounds it). */
async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 200));
}

describe('scheduled jobs', () => {
  it('occurrences: the latest cron slot at or before an instant, in Asia/Ho_Chi_Minh', () => {
    expect(occurrenceAt('0 * * * *', new Date('2026-12-01T05:37:00Z'))).toBe('2026-12-01T05:00:00.000Z');
    expect(occurrenceAt('0 * * * *', new Date('2026-12-01T05:00:00Z'))).toBe('2026-12-01T05:00:00.000Z');
    // 07:00 in Việt Nam is 00:00 UTC
    expect(occurrenceAt('0 7 * * *', new Date('2026-12-01T03:00:00Z'))).toBe('2026-12-01T00:00:00.000Z');
  });

  it('an occurrence is claimed by exactly one of many concurrent claimants', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => claimJobRun('claim-test', 'slot-1')));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
  });

  it('two instances starting after downtime catch up the missed occurrence once, and only once', async () => {
    let calls = 0;
    const job = {
      name: 'twin-test',
      label: 'test',
      cron: '0 0 1 1 *', // once a year: only the catch-up can run it during the test
      handler: async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 300)); // overlap with the other instance's polling
        return { calls };
      },
    };
    const url = process.env.DATABASE_URL!;
    const [a, b] = await Promise.all([
      startScheduler({ connectionString: url, jobs: [job], pollingIntervalSeconds: 0.5 }),
      startScheduler({ connectionString: url, jobs: [job], pollingIntervalSeconds: 0.5 }),
    ]);
    stops.push(a.stop, b.stop);
    // each instance asks again, as its periodic catch-up would
    await Promise.all([a.catchUp(), b.catchUp()]);
    await until(async () => (await getDb().jobRun.count({ where: { job: 'twin-test', status: 'SUCCEEDED' } })) === 1);
    // …and until nothing is queued or running in either queue any more
    await until(async () => (await a.boss.getQueueSize('twin-test', { before: 'completed' })) === 0);
    expect(calls).toBe(1);
    const runs = await getDb().jobRun.findMany({ where: { job: 'twin-test' } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      occurrence: occurrenceAt(job.cron, new Date()),
      status: 'SUCCEEDED',
      result: { calls: 1 },
    });
  });

  it('a failure is recorded with its message, and the occurrence can be run again', async () => {
    let fail = true;
    const job = {
      name: 'flaky-test',
      label: 'test',
      cron: '0 * * * *',
      handler: async () => {
        if (fail) throw new Error('ổ đĩa đầy');
        return { ok: 1 };
      },
    };
    expect(await runOccurrence(job, 'slot-x')).toEqual({ ran: true, ok: false, error: 'ổ đĩa đầy' });
    expect(await getDb().jobRun.findFirst({ where: { job: 'flaky-test' } })).toMatchObject({
      status: 'FAILED',
      error: 'ổ đĩa đầy',
    });
    fail = false;
    expect(await runOccurrence(job, 'slot-x')).toEqual({ ran: true, ok: true, result: { ok: 1 } });
    // a success is final: the same occurrence never runs again
    expect(await runOccurrence(job, 'slot-x')).toEqual({ ran: false });
    expect(await getDb().jobRun.findFirst({ where: { job: 'flaky-test' } })).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 2,
      error: null,
    });
  });

  it("the registry's jobs run on the seeded city and the administrator sees their last run", async () => {
    for (const job of JOBS) expect(await runOccurrence(job, 'manual:test')).toMatchObject({ ran: true, ok: true });
    await actAs('admin');
    const runs = await listJobRuns(JOBS.map((j) => j.name));
    for (const job of JOBS) {
      expect(runs[job.name]!.last).toMatchObject({ status: 'SUCCEEDED' });
      expect(runs[job.name]!.lastSuccessAt).toBeInstanceOf(Date);
    }
    await actAs('chutich');
    await expect(listJobRuns(['deadline-reminders'])).rejects.toThrow('không có quyền');
  });

  it("the history clean-up deletes runs older than the kept days, but never a job's last run or last success", async () => {
    const db = getDb();
    const now = new Date('2026-06-01T00:00:00Z');
    const day = 86_400_000;
    const row = (occurrence: string, daysAgo: number, status: 'SUCCEEDED' | 'FAILED') => ({
      job: 'history-test',
      occurrence,
      status,
      startedAt: new Date(now.getTime() - daysAgo * day),
    });
    await db.jobRun.createMany({
      data: [
        row('old-1', 200, 'SUCCEEDED'),
        row('old-2', 150, 'SUCCEEDED'), // the last success: kept
        row('old-3', 120, 'FAILED'), // the last run: kept
        row('other', 300, 'FAILED'),
      ].map((r, i) => (i === 3 ? { ...r, job: 'history-other' } : r)),
    });
    await db.jobRun.create({ data: row('recent', 10, 'FAILED') });
    // 'recent' is now history-test's last run, so old-3 is no longer kept; 'other' is its job's only run.
    expect(await cleanUpJobRuns(now, 90)).toEqual({ deleted: 2 });
    const left = await db.jobRun.findMany({
      where: { job: { in: ['history-test', 'history-other'] } },
      select: { occurrence: true },
      orderBy: { occurrence: 'asc' },
    });
    expect(left.map((r) => r.occurrence)).toEqual(['old-2', 'other', 'recent']);
  });

  it('a retired job (deadline-reminders, decision 026): its schedule and queue go at start, its old runs at clean-up', async () => {
    const db = getDb();
    const url = process.env.DATABASE_URL!;
    // A database last run by a version that still scheduled it.
    const older = await startScheduler({
      connectionString: url,
      jobs: [{ name: 'deadline-reminders', label: 'cũ', cron: '0 * * * *', handler: async () => ({}) }],
      retired: [],
      pollingIntervalSeconds: 0.5,
    });
    expect((await older.boss.getSchedules()).map((s) => s.name)).toContain('deadline-reminders');
    await older.stop();
    const now = new Date('2026-12-01T00:00:00Z');
    await db.jobRun.createMany({
      data: [200, 100].map((daysAgo) => ({
        job: 'deadline-reminders',
        occurrence: `retired-${daysAgo}`,
        status: 'SUCCEEDED' as const,
        startedAt: new Date(now.getTime() - daysAgo * 86_400_000),
      })),
    });
    const current = await startScheduler({ connectionString: url, jobs: [], pollingIntervalSeconds: 0.5 });
    stops.push(current.stop);
    expect(RETIRED_JOBS).toContain('deadline-reminders');
    expect((await current.boss.getSchedules()).map((s) => s.name)).not.toContain('deadline-reminders');
    // Nothing left waiting for a worker that no longer exists.
    expect(await current.boss.getQueueSize('deadline-reminders', { before: 'active' })).toBe(0);
    // Without the retired list its last run and success would be kept for ever; with it they go.
    expect(await cleanUpJobRuns(now, 90)).toMatchObject({ deleted: expect.any(Number) });
    expect(await db.jobRun.count({ where: { job: 'deadline-reminders' } })).toBe(1);
    await cleanUpJobRuns(now, 90, RETIRED_JOBS);
    expect(await db.jobRun.count({ where: { job: 'deadline-reminders' } })).toBe(0);
  });
});
