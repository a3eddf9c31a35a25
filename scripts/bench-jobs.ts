/**
 * The scheduled jobs that scan every assignment, timed on a database of your choice:
 *
 *   DATABASE_URL=postgresql://…/bench_national npx tsx --conditions=react-server scripts/bench-jobs.ts [--at 2026-12-02T09:00:00+07:00] [--jobs urging,reminders,tally,trend] [--explain]
 *
 * For each job: the wall time of the job function called directly (as the runner calls it), the
 * load average (`uptime`) before and after, and what it returned. The urging ladder runs twice: the
 * first run sends every step owed (a first deployment, or catch-up after downtime), the second is
 * the hourly run with nothing new. Whatever a run writes (UrgingSent, Notification, EmailMessage)
 * is deleted afterwards, so the database can be measured again. Figures go to
 * docs/benchmarks/jobs.md by hand. Benchmarks print figures; they never pass or fail on speed.
 */
import { execFileSync } from 'node:child_process';
import { register } from 'node:module';
import { performance } from 'node:perf_hooks';

// The jobs run as the system, without a session: lib/auth.ts (next-auth, next/headers) cannot load
// outside Next.js, so the data layer's guard gets a stand-in that knows no user.
const noSession = 'data:text/javascript,export async function getCurrentUser() { return null; }';
register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
      if (specifier === '../auth' && String(context.parentURL).endsWith('/lib/data/guard.ts'))
        return { url: ${JSON.stringify(noSession)}, shortCircuit: true };
      return next(specifier, context);
    }`),
);

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const now = flag('--at') ? new Date(flag('--at')!) : new Date();
const jobs = (flag('--jobs') ?? 'urging').split(',');

const { getDb } = await import('../lib/db');
const db = getDb();
const uptime = () => execFileSync('uptime', [], { encoding: 'utf8' }).trim();

async function timed(label: string, work: () => Promise<unknown>): Promise<void> {
  const load = uptime();
  const started = performance.now();
  try {
    const result = await work();
    const s = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`${label}: ${s} s → ${JSON.stringify(result)}\n  before: ${load}\n  after:  ${uptime()}`);
  } catch (error) {
    const s = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`${label}: FAILED after ${s} s: ${(error as Error).message.split('\n').at(-1)}\n  before: ${load}`);
  }
}

/** Deletes what the runs since `mark` wrote. */
async function undo(mark: { notification: number; email: number }) {
  await db.urgingSent.deleteMany({ where: { sentAt: now } });
  await db.emailMessage.deleteMany({ where: { id: { gt: mark.email } } });
  await db.notification.deleteMany({ where: { id: { gt: mark.notification } } });
}

const mark = {
  notification: (await db.notification.aggregate({ _max: { id: true } }))._max.id ?? 0,
  email: (await db.emailMessage.aggregate({ _max: { id: true } }))._max.id ?? 0,
};
console.log(`at ${now.toISOString()}, ${await db.assignment.count()} assignments`);
try {
  if (jobs.includes('urging')) {
    const urging = await import('../lib/data/urging');
    if (args.includes('--explain') && 'dueUrgingStepsQuery' in urging) {
      const { sql } = await urging.dueUrgingStepsQuery(now);
      const { Prisma } = await import('../lib/db');
      if (sql) {
        const plan = await db.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
        console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
    if ('listDueUrgingSteps' in urging)
      await timed('urging ladder: selection only (listDueUrgingSteps)', async () => ({
        steps: (await urging.listDueUrgingSteps(now)).steps.length,
      }));
    await timed('urging ladder: first run (every step owed)', () => urging.runUrgingLadder(now));
    await timed('urging ladder: next hourly run (nothing new)', () => urging.runUrgingLadder(now));
  }
  if (jobs.includes('reminders')) {
    const notifications: Record<string, unknown> = await import('../lib/data/notifications');
    const generate = notifications.generateDeadlineNotifications as ((at: Date) => Promise<number>) | undefined;
    if (generate) await timed('deadline reminders (retired by decision 026)', () => generate(now));
    else console.log('deadline reminders: retired (decision 026)');
  }
  if (jobs.includes('tally') || jobs.includes('trend')) {
    const j = await import('../lib/data/jobs');
    if (jobs.includes('tally')) await timed('live tally (recountLiveTally)', () => j.recountLiveTally());
    if (jobs.includes('trend')) await timed('trend snapshots (snapshotTrendCutoffs)', () => j.snapshotTrendCutoffs());
  }
} finally {
  await undo(mark);
  await db.$disconnect();
}
