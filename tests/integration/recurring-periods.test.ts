/**
 * Recurring tasks: every period since the assignment owes a completed report (decision 008).
 * A small city built here, at a pinned moment: 20/11/2026 10:00 in Vietnam (the current monthly
 * period is "Tháng 12/2026", window 15/11–14/12; October's closed on 14/10, November's on 14/11).
 *
 *   Programme P (in force from 01/08/2026), one monthly task, assigned on 20/08/2026 (so the first
 *   period owed is "Tháng 9/2026"):
 *     SKIP  Phường Bỏ Kỳ     September and November approved, October never   → overdue since 15/10
 *     LATE  Phường Nộp Muộn  October approved on 20/10 (late), the rest in time → Tháng 12: not started
 *     GOOD  Phường Đủ Kỳ     every month in time, a December draft          → in progress, in time
 *     NEW   Phường Mới Giao  assigned on 16/11/2026 (first period: Tháng 12)  → not started
 *     GONE  Phường Đã Nhập   ceased on 01/10/2026, nothing reported: owes September only → overdue, 1 period
 *     C1, C2 two communes, merged into Phường Hợp Nhất on 05/11/2026 (mid-window of Tháng 11):
 *           C1 reported September, C2 October; the merger puts both reports on one assignment,
 *           which then owes November, the period in progress at the merger: nothing → overdue
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb, Prisma } = await import('../../lib/db');
const { getDashboard, getCompletionTrend, listDashboardAssignments, listOverdueAssignments } =
  await import('../../lib/data/dashboard');
const { missedPeriodsSql, slotsAtCte } = await import('../../lib/data/status-sql');
const { queryTrend } = await import('../../lib/data/dashboard-sql');
const { trendPlan } = await import('../../lib/data/dashboard-shape');
const { mergeUnits } = await import('../../lib/data/units');
const { getAssignment, listMyAssignments } = await import('../../lib/data/work');
const { requestExtension } = await import('../../lib/data/extensions');
const { parseDashboardParams, parseDrillParams } = await import('../../lib/validation/dashboard');
const { UnitMergeInput } = await import('../../lib/validation/unit');
const { ExtensionRequestInput } = await import('../../lib/validation/extension');
const { toDbDate } = await import('../../lib/domain/time');
const { pureStatusesAt } = await import('../support/pure-status');

const vn = (date: string, time = '09:00:00') => new Date(`${date}T${time}+07:00`);
const NOW = vn('2026-11-20', '10:00:00');
const STATUS_OF_COLUMN = {
  done_on_time: 'DONE_ON_TIME',
  done_late: 'DONE_LATE',
  on_time: 'IN_PROGRESS_ON_TIME',
  overdue: 'IN_PROGRESS_OVERDUE',
  not_started: 'NOT_STARTED',
} as const;
/** queryTrend's rows as (moment index, status, n) rows. */
const trendRows = (rows: Record<string, number>[]) =>
  rows.flatMap((r) =>
    Object.entries(STATUS_OF_COLUMN).map(([column, status]) => ({ moment: r.moment!, status, n: r[column]! })),
  );
const a: Record<string, number> = {};
let programmeId = 0;
let mergedUnitId = 0;

async function statusesAt(
  at: Date,
): Promise<Record<number, { status: string; missed: number | null; due: string | null }>> {
  const rows = await getDb().$queryRaw<
    { assignment_id: number; status: string; missed_periods: number | null; due: Date | null }[]
  >(
    Prisma.sql`WITH ${slotsAtCte([at])} SELECT s.assignment_id, s.status, ${missedPeriodsSql('s')} AS missed_periods, s.due FROM slots s`,
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.assignment_id,
      { status: r.status, missed: r.missed_periods, due: r.due?.toISOString().slice(0, 10) ?? null },
    ]),
  );
}

beforeAll(async () => {
  const db = getDb();
  const validFrom = toDbDate('2020-01-01');
  const unit = async (code: string, name: string, kind: 'WARD' | 'COMMUNE', extra: object = {}) =>
    (await db.unit.create({ data: { code, name, kind, validFrom, ...extra }, select: { id: true } })).id;
  const units = {
    SKIP: await unit('R-SKIP', 'Phường Bỏ Kỳ', 'WARD'),
    LATE: await unit('R-LATE', 'Phường Nộp Muộn', 'WARD'),
    GOOD: await unit('R-GOOD', 'Phường Đủ Kỳ', 'WARD'),
    NEW: await unit('R-NEW', 'Phường Mới Giao', 'WARD'),
    GONE: await unit('R-GONE', 'Phường Đã Nhập', 'WARD', { validTo: toDbDate('2026-10-01'), active: false }),
    C1: await unit('R-C1', 'Xã Một Thử', 'COMMUNE'),
    C2: await unit('R-C2', 'Xã Hai Thử', 'COMMUNE'),
  };
  const officer = (
    await db.user.create({
      data: {
        username: 'cb.boky',
        displayName: 'Cán bộ Bỏ Kỳ',
        role: 'OFFICER',
        unitId: units.SKIP,
        passwordHash: 'not-a-hash',
      },
    })
  ).id;
  const reviewer = (await db.user.findUniqueOrThrow({ where: { username: 'tp.noivu' } })).id;
  programmeId = (
    await db.programme.create({
      data: {
        title: 'Kế hoạch báo cáo định kỳ thử nghiệm',
        issuingBody: 'UBND thành phố Hà Tĩnh',
        periodStart: toDbDate('2026-08-01'),
        periodEnd: toDbDate('2027-12-31'),
      },
    })
  ).id;
  const section = (await db.section.create({ data: { programmeId, numeral: 'I', title: 'Báo cáo định kỳ', order: 1 } }))
    .id;
  const task = (
    await db.task.create({
      data: {
        programmeId,
        sectionId: section,
        number: '1',
        order: 1,
        title: 'Báo cáo tình hình cải cách hành chính hằng tháng',
        text: '...',
        recurrence: 'MONTHLY',
      },
    })
  ).id;
  for (const [key, unitId] of Object.entries(units)) {
    const createdAt = key === 'NEW' ? vn('2026-11-16') : vn('2026-08-20');
    a[key] = (await db.assignment.create({ data: { taskId: task, unitId, role: 'IMPLEMENTING', createdAt } })).id;
  }
  const report = async (key: string, periodKey: string, approvedOn: string | null) => {
    const at = approvedOn ? vn(approvedOn) : vn('2026-11-18');
    await db.report.create({
      data: {
        assignmentId: a[key]!,
        periodKey,
        status: approvedOn ? 'APPROVED' : 'DRAFT',
        progress: approvedOn ? 100 : 40,
        content: 'Đã báo cáo.',
        createdById: officer,
        createdAt: new Date(at.getTime() - 3_600_000),
        ...(approvedOn
          ? {
              submittedAt: new Date(at.getTime() - 1_800_000),
              submittedById: officer,
              reviewedAt: at,
              reviewedById: reviewer,
              completedAt: at,
            }
          : {}),
      },
    });
  };
  await report('SKIP', '2026-09', '2026-09-10');
  await report('SKIP', '2026-11', '2026-11-10');
  await report('LATE', '2026-09', '2026-09-10');
  await report('LATE', '2026-10', '2026-10-20');
  await report('LATE', '2026-11', '2026-11-10');
  await report('GOOD', '2026-09', '2026-09-10');
  await report('GOOD', '2026-10', '2026-10-10');
  await report('GOOD', '2026-11', '2026-11-10');
  await report('GOOD', '2026-12', null);
  await report('C1', '2026-09', '2026-09-10');
  await report('C2', '2026-10', '2026-10-10');

  await actAs('admin');
  const merged = await mergeUnits(
    UnitMergeInput.parse({
      predecessorIds: [String(units.C1), String(units.C2)],
      effectiveDate: '05/11/2026',
      code: 'R-HOPNHAT',
      name: 'Phường Hợp Nhất',
      kind: 'WARD',
      note: 'Nghị quyết sắp xếp',
    }),
    { now: vn('2026-11-05', '10:00:00') },
  );
  mergedUnitId = merged.successorId;
  a.MERGED = (
    await db.assignment.findFirstOrThrow({ where: { unitId: mergedUnitId, taskId: task }, select: { id: true } })
  ).id;
});

describe('the rule, in SQL, assignment by assignment', () => {
  it('a skipped month is overdue from the day after its window closed, counted from the oldest missed period', async () => {
    const s = await statusesAt(NOW);
    expect(s[a.SKIP!]).toEqual({ status: 'IN_PROGRESS_OVERDUE', missed: 1, due: '2026-10-14' });
    // Not on the last day of October's window; from the first instant of the day after.
    expect((await statusesAt(vn('2026-10-14', '23:59:59')))[a.SKIP!]!.status).toBe('NOT_STARTED');
    expect((await statusesAt(vn('2026-10-15', '00:00:00')))[a.SKIP!]!.status).toBe('IN_PROGRESS_OVERDUE');
  });

  it('a late report is overdue until completed, then the assignment is back on its current period', async () => {
    expect((await statusesAt(vn('2026-10-19')))[a.LATE!]).toEqual({
      status: 'IN_PROGRESS_OVERDUE',
      missed: 1,
      due: '2026-10-14',
    });
    expect((await statusesAt(NOW))[a.LATE!]).toEqual({ status: 'NOT_STARTED', missed: 0, due: '2026-12-14' });
  });

  it('every period reported: the current period decides; a new assignment owes nothing before its first window', async () => {
    const s = await statusesAt(NOW);
    expect(s[a.GOOD!]).toEqual({ status: 'IN_PROGRESS_ON_TIME', missed: 0, due: '2026-12-14' });
    // The live read model (Assignment."firstGap", kept by triggers) gives the same at the real now.
    const live = await getDb().$queryRaw<{ assignment_id: number; status: string }[]>(
      Prisma.sql`WITH ${slotsAtCte([new Date()], { live: true })} SELECT assignment_id, status FROM slots`,
    );
    const exact = await getDb().$queryRaw<{ assignment_id: number; status: string }[]>(
      Prisma.sql`WITH ${slotsAtCte([new Date()])} SELECT assignment_id, status FROM slots`,
    );
    expect(Object.fromEntries(live.map((r) => [r.assignment_id, r.status]))).toEqual(
      Object.fromEntries(exact.map((r) => [r.assignment_id, r.status])),
    );
    expect(s[a.NEW!]).toEqual({ status: 'NOT_STARTED', missed: 0, due: '2026-12-14' });
  });

  it('a unit that ceased owes only the periods that closed while it existed', async () => {
    expect((await statusesAt(NOW))[a.GONE!]).toEqual({ status: 'IN_PROGRESS_OVERDUE', missed: 1, due: '2026-09-14' });
  });

  it('a merger mid-period: the former units’ reports fill each other’s gaps; the successor owes the period in progress', async () => {
    const db = getDb();
    const reports = await db.report.findMany({
      where: { assignmentId: a.MERGED! },
      select: { periodKey: true },
      orderBy: { periodKey: 'asc' },
    });
    expect(reports.map((r) => r.periodKey)).toEqual(['2026-09', '2026-10']);
    expect((await statusesAt(vn('2026-11-10')))[a.MERGED!]).toEqual({
      status: 'NOT_STARTED',
      missed: 0,
      due: '2026-11-14',
    });
    expect((await statusesAt(NOW))[a.MERGED!]).toEqual({ status: 'IN_PROGRESS_OVERDUE', missed: 1, due: '2026-11-14' });
  });

  it('equals the pure rule on every assignment at every boundary', async () => {
    const moments = [
      NOW,
      new Date(),
      vn('2026-09-14', '23:59:59'),
      vn('2026-09-15', '00:00:00'),
      vn('2026-10-20', '09:00:00'),
      vn('2026-10-20', '08:59:59'),
      vn('2026-11-05', '12:00:00'),
      vn('2026-11-15', '00:00:00'),
      vn('2027-03-01'),
    ];
    for (const at of moments) {
      const sql = Object.fromEntries(Object.entries(await statusesAt(at)).map(([id, v]) => [id, v.status]));
      expect(Object.keys(sql).length, at.toISOString()).toBeGreaterThan(0);
      expect(sql, at.toISOString()).toEqual(await pureStatusesAt(at));
    }
  });

  it('the trend’s counts equal the rule grouped at every moment', async () => {
    const moments = [...new Set([...trendPlan(NOW).moments, ...trendPlan(new Date()).moments].map((m) => m.getTime()))]
      .sort((x, y) => x - y)
      .map((t) => new Date(t));
    const db = getDb();
    const fast = trendRows(await queryTrend(db, moments, { kind: 'CITY' }, {})).filter((r) => r.n > 0);
    const exact = await db.$queryRaw<{ moment: number; status: string; n: number }[]>(
      Prisma.sql`WITH ${slotsAtCte(moments)} SELECT moment, status, count(*)::int AS n FROM slots GROUP BY moment, status`,
    );
    const key = (rows: { moment: number; status: string; n: number }[]) =>
      Object.fromEntries(rows.map((r) => [`${r.moment}:${r.status}`, r.n]));
    expect(key(fast)).toEqual(key(exact));
  });
});

describe('what the chairman and the officer see', () => {
  const filters = () => parseDashboardParams({ programme: String(programmeId) });

  it('the headline counts the skipped periods as overdue, and the trend’s last point is the same', async () => {
    await actAs('chutich');
    const d = await getDashboard(filters(), { now: NOW });
    // SKIP, GONE and MERGED overdue; GOOD in progress; LATE and NEW not started.
    expect(d.headline).toMatchObject({
      IN_PROGRESS_OVERDUE: 3,
      IN_PROGRESS_ON_TIME: 1,
      NOT_STARTED: 2,
      DONE_ON_TIME: 0,
      DONE_LATE: 0,
      total: 6,
    });
    expect(d.taskCount).toBe(1); // one task, six assignments
    const trend = await getCompletionTrend(filters(), { now: NOW });
    expect(trend.months.at(-1)!.counts).toEqual(d.headline);
  });

  it('the overdue list and the drill-down name the missing periods', async () => {
    await actAs('chutich');
    const overdue = await listOverdueAssignments(filters(), { now: NOW });
    expect(overdue.total).toBe(3);
    expect(overdue.rows[0]).toMatchObject({
      assignmentId: a.GONE,
      dueDate: '2026-09-14',
      missedPeriods: { count: 1, firstLabel: 'Tháng 9/2026' },
    });
    const drill = await listDashboardAssignments(filters(), parseDrillParams({ status: 'IN_PROGRESS_OVERDUE' }), {
      now: NOW,
    });
    const skip = drill.rows.find((r) => r.assignmentId === a.SKIP);
    expect(skip).toMatchObject({
      unitName: 'Phường Bỏ Kỳ',
      dueDate: '2026-10-14',
      daysOverdue: 37,
      missedPeriods: { count: 1, firstLabel: 'Tháng 10/2026' },
    });
    const merged = drill.rows.find((r) => r.assignmentId === a.MERGED);
    expect(merged).toMatchObject({
      unitName: 'Phường Hợp Nhất',
      missedPeriods: { count: 1, firstLabel: 'Tháng 11/2026' },
    });
  });

  it('the ward officer’s list and the assignment page show the task overdue, with the missed period', async () => {
    await actAs('cb.boky');
    const [item] = await listMyAssignments({ now: NOW });
    expect(item).toMatchObject({
      id: a.SKIP,
      dueDate: '2026-10-14',
      status: { status: 'IN_PROGRESS_OVERDUE', daysOverdue: 37 },
    });
    const page = await getAssignment(a.SKIP!, { now: NOW });
    expect(page).toMatchObject({
      status: { status: 'IN_PROGRESS_OVERDUE', daysOverdue: 37 },
      statusDueDate: '2026-10-14',
      missedPeriodLabels: ['Tháng 10/2026'],
    });
  });

  it('a recurring task cannot be extended: its periods are fixed by Decree 09', async () => {
    await actAs('cb.boky');
    await expect(
      requestExtension(
        ExtensionRequestInput.parse({
          assignmentId: String(a.SKIP),
          requestedDueDate: '30/12/2026',
          reason: 'Chờ số liệu của các tổ dân phố.',
        }),
        { now: NOW },
      ),
    ).rejects.toMatchObject({
      message: 'Chỉ gia hạn được nhiệm vụ có thời hạn cụ thể.',
    });
  });
});
