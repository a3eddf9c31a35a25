/**
 * The statistics read model (decision 008): Assignment."firstGap", kept by triggers, must always
 * equal its recomputation from the reports, whatever sequence of writes happened; and the live
 * statuses it gives must equal the rule computed from the source tables.
 */
import { describe, expect, it, vi } from 'vitest';
import { currentUser } from '../support/as-user';
import { prng } from '../support/prng';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb, Prisma } = await import('../../lib/db');
const { slotsAtCte } = await import('../../lib/data/status-sql');
const { ensureSnapshots, forgetSnapshots, queryTrend } = await import('../../lib/data/dashboard-sql');
const { toDbDate } = await import('../../lib/domain/time');
const { rebuildStatistics } = await import('../../lib/data/statistics-rebuild');

const MONTH_KEYS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
const QUARTER_KEYS = ['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1'];

async function drift(): Promise<{ id: number; stored: number | null; fresh: number | null }[]> {
  return getDb().$queryRaw`
    SELECT id, "firstGap" AS stored, recurring_first_gap(id) AS fresh FROM "Assignment"
    WHERE "firstGap" IS DISTINCT FROM recurring_first_gap(id)`;
}

async function statuses(live: boolean): Promise<Record<number, string>> {
  const rows = await getDb().$queryRaw<{ assignment_id: number; status: string; due: Date | null }[]>(
    Prisma.sql`WITH ${slotsAtCte([new Date()], { live })} SELECT assignment_id, status, due FROM slots`,
  );
  return Object.fromEntries(
    rows.map((r) => [r.assignment_id, `${r.status} ${r.due?.toISOString().slice(0, 10) ?? '-'}`]),
  );
}

describe('the read model stays equal to its recomputation', () => {
  it('after 300 random writes of every kind, in several transactions', async () => {
    const db = getDb();
    const random = prng(20261201);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const author = (await db.user.findFirstOrThrow({ where: { username: 'cb.tranphu' } })).id;
    const programme = (
      await db.programme.create({
        data: {
          title: 'Kế hoạch kiểm tra mô hình đọc',
          issuingBody: 'UBND thành phố',
          periodStart: toDbDate('2026-05-01'),
        },
      })
    ).id;
    const section = (
      await db.section.create({ data: { programmeId: programme, numeral: 'I', title: 'Báo cáo', order: 1 } })
    ).id;
    const units = (
      await db.unit.findMany({ where: { kind: { in: ['WARD', 'COMMUNE'] } }, take: 6, select: { id: true } })
    ).map((u) => u.id);
    const tasks: { id: number; recurrence: 'MONTHLY' | 'QUARTERLY' }[] = [];
    for (const [i, recurrence] of (['MONTHLY', 'QUARTERLY', 'MONTHLY'] as const).entries()) {
      tasks.push({
        id: (
          await db.task.create({
            data: {
              programmeId: programme,
              sectionId: section,
              number: String(i + 1),
              order: i + 1,
              title: `Báo cáo định kỳ ${i + 1}`,
              text: '...',
              recurrence,
            },
          })
        ).id,
        recurrence,
      });
    }
    const assignments: number[] = [];
    for (const t of tasks) {
      for (const unitId of units) {
        const createdAt = new Date(Date.UTC(2026, 5 + Math.floor(random() * 5), 1 + Math.floor(random() * 27), 3));
        assignments.push(
          (await db.assignment.create({ data: { taskId: t.id, unitId, role: 'IMPLEMENTING', createdAt } })).id,
        );
      }
    }
    const recurrenceOf = async (assignmentId: number) =>
      (
        await db.assignment.findUniqueOrThrow({
          where: { id: assignmentId },
          select: { task: { select: { recurrence: true } } },
        })
      ).task.recurrence;
    const keysFor = (r: string) => (r === 'QUARTERLY' ? QUARTER_KEYS : MONTH_KEYS);

    for (let step = 0; step < 300; step += 1) {
      const op = random();
      const assignmentId = pick(assignments);
      const keys = keysFor(await recurrenceOf(assignmentId));
      if (op < 0.35) {
        // a report is written, maybe submitted and approved (completedAt), in one transaction with another
        const periodKey = pick(keys);
        const completedAt = random() < 0.7 ? new Date(Date.UTC(2026, 6 + Math.floor(random() * 5), 10)) : null;
        await db.$transaction([
          db.report.upsert({
            where: { assignmentId_periodKey: { assignmentId, periodKey } },
            create: {
              assignmentId,
              periodKey,
              createdById: author,
              completedAt,
              status: completedAt ? 'APPROVED' : 'DRAFT',
            },
            update: { completedAt, status: completedAt ? 'APPROVED' : 'DRAFT' },
          }),
          db.assignment.update({ where: { id: assignmentId }, data: { progress: Math.floor(random() * 100) } }),
        ]);
      } else if (op < 0.5) {
        // an approval withdrawn (returned for more work)
        await db.report.updateMany({
          where: { assignmentId, periodKey: pick(keys) },
          data: { completedAt: null, status: 'RETURNED' },
        });
      } else if (op < 0.6) {
        await db.report.deleteMany({ where: { assignmentId, periodKey: pick(keys) } });
      } else if (op < 0.7) {
        // reports move to another assignment of the same task (a merger folding a former unit's file)
        const other = pick(assignments);
        const [a, b] = await Promise.all([
          db.assignment.findUniqueOrThrow({ where: { id: assignmentId } }),
          db.assignment.findUniqueOrThrow({ where: { id: other } }),
        ]);
        if (a.taskId === b.taskId && a.id !== b.id) {
          const taken = new Set(
            (await db.report.findMany({ where: { assignmentId: other }, select: { periodKey: true } })).map(
              (r) => r.periodKey,
            ),
          );
          await db.report.updateMany({
            where: { assignmentId, periodKey: { notIn: [...taken] } },
            data: { assignmentId: other },
          });
        }
      } else if (op < 0.78) {
        // bulk: approve every draft of a task at once (one statement, many assignments)
        const t = pick(tasks);
        await db.report.updateMany({
          where: { status: 'DRAFT', assignment: { taskId: t.id } },
          data: { status: 'APPROVED', completedAt: new Date() },
        });
      } else if (op < 0.86) {
        // the assignment's date is corrected (createdAt decides the first period owed)
        await db.assignment.update({
          where: { id: assignmentId },
          data: { createdAt: new Date(Date.UTC(2026, 4 + Math.floor(random() * 6), 1 + Math.floor(random() * 27))) },
        });
      } else if (op < 0.92) {
        // a task changes recurrence (its reports' keys then belong to another recurrence)
        const t = pick(tasks);
        t.recurrence = t.recurrence === 'MONTHLY' ? 'QUARTERLY' : 'MONTHLY';
        await db.task.update({ where: { id: t.id }, data: { recurrence: t.recurrence } });
      } else {
        // a rolled-back transaction leaves nothing behind
        await db
          .$transaction(async (tx) => {
            await tx.report.deleteMany({ where: { assignmentId } });
            throw new Error('rollback');
          })
          .catch(() => undefined);
      }
      if (step % 50 === 49) expect(await drift(), `after step ${step}`).toEqual([]);
    }
    expect(await drift()).toEqual([]);
    expect(
      await db.report.count({
        where: { assignment: { task: { programmeId: programme } }, completedAt: { not: null } },
      }),
    ).toBeGreaterThan(10);

    // The live statuses (read model) equal the rule computed from the reports, on every assignment.
    const [live, exact] = await Promise.all([statuses(true), statuses(false)]);
    expect(Object.keys(live).length).toBeGreaterThan(assignments.length);
    expect(live).toEqual(exact);
  });

  it('a damaged read model is found and the rebuild repairs it', async () => {
    const db = getDb();
    await db.$executeRaw`UPDATE "Assignment" SET "firstGap" = -1 WHERE id IN (SELECT id FROM "Assignment" WHERE "firstGap" IS NOT NULL LIMIT 3)`;
    expect((await drift()).length).toBe(3);
    const result = await rebuildStatistics();
    expect(result.repaired).toBe(3);
    expect(await drift()).toEqual([]);
  });
});

describe('the trend’s snapshots', () => {
  const moments = [
    new Date('2026-09-14T16:59:59.999Z'),
    new Date('2026-10-14T16:59:59.999Z'),
    new Date('2026-11-14T16:59:59.999Z'),
  ];
  const exactTotals = async () =>
    (
      await getDb().$queryRaw<{ moment: number; n: number }[]>(
        Prisma.sql`WITH ${slotsAtCte(moments)} SELECT moment, count(*)::int AS n FROM slots GROUP BY moment ORDER BY moment`,
      )
    ).map((r) => r.n);
  const trendTotals = async () =>
    (await queryTrend(getDb(), moments, { kind: 'CITY' }, {})).map(
      (r) => r.done_on_time + r.done_late + r.on_time + r.overdue + r.not_started,
    );

  it('two instances filling the same cut-offs at once write each once', async () => {
    const db = getDb();
    await forgetSnapshots(db);
    await Promise.all([ensureSnapshots(db, moments), ensureSnapshots(db, moments), ensureSnapshots(db, moments)]);
    expect(await db.statusSnapshotMoment.count()).toBe(3);
    expect(await trendTotals()).toEqual(await exactTotals());
  });

  it('a change that rewrites the past forgets them; an approval today does not', async () => {
    const db = getDb();
    await ensureSnapshots(db, moments);
    const before = await trendTotals();
    // Approving a report today leaves the past as it stood.
    const open = await db.report.findFirstOrThrow({ where: { completedAt: null }, select: { id: true } });
    await db.report.update({ where: { id: open.id }, data: { status: 'APPROVED', completedAt: new Date() } });
    expect(await db.statusSnapshotMoment.count()).toBe(3);
    // A new assignment of a programme in force since before the cut-offs changes them.
    const task = await db.task.findFirstOrThrow({
      where: { archivedAt: null, programme: { periodStart: { lte: new Date('2026-09-01') } } },
      select: { id: true, assignments: { select: { unitId: true } } },
    });
    const taken = new Set(task.assignments.map((a) => a.unitId));
    const unit = await db.unit.findFirstOrThrow({
      where: { id: { notIn: [...taken] }, active: true },
      select: { id: true },
    });
    await db.assignment.create({ data: { taskId: task.id, unitId: unit.id, role: 'IMPLEMENTING' } });
    expect(await db.statusSnapshotMoment.count()).toBe(0);
    const after = await trendTotals();
    expect(after).toEqual(await exactTotals());
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1, 1]);
  });
});
