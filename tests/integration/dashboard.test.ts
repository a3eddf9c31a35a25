/**
 * The dashboard's numbers against a small city built here and counted by hand (the comments next to
 * each expectation show the counting), at a pinned moment: 20/06/2026 10:00 in Vietnam.
 *
 *   Units: Phường Một (W1), Phường Hai (W2), Xã Ba (C1: merged into W2 on 01/04/2026, so from then
 *   on its history counts under W2), Phòng Alpha (D1), Phòng Beta (D2).
 *   Programme P (in force from 01/01/2026), sections I and II:
 *     I.1  one-off, due 31/05, lead D1 — D1 done 20/05 (on time), W1 done 05/06 (late),
 *          W2 started 01/05 (overdue), C1 nothing (overdue, counted under W2)
 *     I.2  one-off, due 10/05, lead D2 — D2 nothing (overdue); W1 extension to 30/06 approved on
 *          20/05, done 10/06 (on time thanks to it; before 20/05 it was overdue)
 *     II.1 monthly, no lead — W1 reported and approved May, June, July; W2 a July draft;
 *          D1 a June report awaiting approval, nothing for July
 *     II.2 continuous, lead D1 — D1 started 01/02; W1 (coordinating) nothing
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { actAs, currentUser, unitId } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb, Prisma } = await import('../../lib/db');
const {
  getDashboard,
  getCompletionTrend,
  listOverdueAssignments,
  listDashboardAssignments,
  getDashboardFilterOptions,
} = await import('../../lib/data/dashboard');
const { getHeadline } = await import('../../lib/data/stats');
const { slotsAtCte } = await import('../../lib/data/status-sql');
const { queryTrend, computeDashboard, queryTaskCount, slotCtes } = await import('../../lib/data/dashboard-sql');
const { pureStatusesAt } = await import('../support/pure-status');
const { trendPlan } = await import('../../lib/data/dashboard-shape');
const { parseDashboardParams, parseDrillParams, dashboardQuery } = await import('../../lib/validation/dashboard');
const { asOfFor } = await import('../../lib/domain/periods');
const { buildSummaryWorkbook, safeText } = await import('../../lib/exports/xlsx');
const { buildReportDocument } = await import('../../lib/exports/docx');
const { getExportSource } = await import('../../lib/data/exports');
const { headlineSentence, decreeDateLine } = await import('../../lib/exports/text');
const { toDbDate } = await import('../../lib/domain/time');

/** An instant given as Vietnamese wall-clock time. */
const vn = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const NOW = vn('2026-06-20', 10);
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

type Ids = Record<'W1' | 'W2' | 'C1' | 'D1' | 'D2' | 'P' | 'S1' | 'S2' | 'T1' | 'T2' | 'T3' | 'T4', number>;
const ids = {} as Ids;
const assignment: Record<string, number> = {};

async function buildFixture(): Promise<void> {
  const db = getDb();
  const validFrom = toDbDate('2020-01-01');
  const unit = async (code: string, name: string, kind: 'WARD' | 'COMMUNE' | 'DEPARTMENT', extra: object = {}) =>
    (await db.unit.create({ data: { code, name, kind, validFrom, ...extra }, select: { id: true } })).id;
  ids.W1 = await unit('T-W1', 'Phường Một', 'WARD');
  ids.W2 = await unit('T-W2', 'Phường Hai', 'WARD');
  ids.C1 = await unit('T-C1', 'Xã Ba', 'COMMUNE', { validTo: toDbDate('2026-03-31'), active: false });
  ids.D1 = await unit('T-D1', 'Phòng Alpha', 'DEPARTMENT');
  ids.D2 = await unit('T-D2', 'Phòng Beta', 'DEPARTMENT');
  await db.unitLineage.create({
    data: { kind: 'MERGE', predecessorId: ids.C1, successorId: ids.W2, effectiveDate: toDbDate('2026-04-01') },
  });

  const user = async (username: string, role: 'DEPARTMENT_HEAD' | 'OFFICER', unitId: number, displayName: string) =>
    (
      await db.user.create({
        data: { username, displayName, role, unitId, passwordHash: 'not-a-hash' },
        select: { id: true },
      })
    ).id;
  const headAlpha = await user('tp.alpha', 'DEPARTMENT_HEAD', ids.D1, 'Trưởng phòng Alpha');
  const cbMot = await user('cb.mot', 'OFFICER', ids.W1, 'Cán bộ Một');
  await user('cb.hai', 'OFFICER', ids.W2, 'Cán bộ Hai');
  const chutich = (await db.user.findUniqueOrThrow({ where: { username: 'chutich' } })).id;
  const noivu = (await db.user.findUniqueOrThrow({ where: { username: 'tp.noivu' } })).id;

  ids.P = (
    await db.programme.create({
      data: {
        title: 'Kế hoạch thử nghiệm bảng điều khiển năm 2026',
        documentNumber: '15/KH-UBND',
        issuingBody: 'UBND thành phố Hà Tĩnh',
        issuedOn: toDbDate('2025-12-25'),
        periodStart: toDbDate('2026-01-01'),
        periodEnd: toDbDate('2026-12-31'),
      },
    })
  ).id;
  ids.S1 = (
    await db.section.create({
      data: { programmeId: ids.P, numeral: 'I', title: 'Cải cách thủ tục hành chính', order: 1 },
    })
  ).id;
  ids.S2 = (
    await db.section.create({ data: { programmeId: ids.P, numeral: 'II', title: 'Cải cách chế độ công vụ', order: 2 } })
  ).id;
  const task = async (
    sectionId: number,
    number: string,
    recurrence: 'ONCE' | 'MONTHLY' | 'CONTINUOUS',
    dueDate: string | null,
    reformArea: 'ADMIN_PROCEDURES' | 'CIVIL_SERVICE' | null,
  ) =>
    (
      await db.task.create({
        data: {
          programmeId: ids.P,
          sectionId,
          number,
          order: Number(number),
          title: `Nhiệm vụ ${number} của mục ${sectionId === ids.S1 ? 'I' : 'II'}`,
          text: '...',
          recurrence,
          reformArea,
          dueDate: dueDate ? toDbDate(dueDate) : null,
        },
      })
    ).id;
  ids.T1 = await task(ids.S1, '1', 'ONCE', '2026-05-31', 'ADMIN_PROCEDURES');
  ids.T2 = await task(ids.S1, '2', 'ONCE', '2026-05-10', 'ADMIN_PROCEDURES');
  ids.T3 = await task(ids.S2, '1', 'MONTHLY', null, 'CIVIL_SERVICE');
  ids.T4 = await task(ids.S2, '2', 'CONTINUOUS', null, null);

  const assign = async (
    key: string,
    taskId: number,
    unitId: number,
    role: 'LEAD' | 'COORDINATING' | 'IMPLEMENTING',
    facts: { due?: string; originalDue?: string; started?: Date; completed?: Date } = {},
  ) => {
    const due = facts.due ? toDbDate(facts.due) : null;
    assignment[key] = (
      await db.assignment.create({
        data: {
          taskId,
          unitId,
          role,
          dueDate: due,
          originalDueDate: facts.originalDue ? toDbDate(facts.originalDue) : due,
          startedAt: facts.started ?? null,
          completedAt: facts.completed ?? null,
          progress: facts.completed ? 100 : 0,
        },
      })
    ).id;
  };
  await assign('D1-T1', ids.T1, ids.D1, 'LEAD', {
    due: '2026-05-31',
    started: vn('2026-05-05'),
    completed: vn('2026-05-20', 15),
  });
  await assign('W1-T1', ids.T1, ids.W1, 'IMPLEMENTING', {
    due: '2026-05-31',
    started: vn('2026-05-25'),
    completed: vn('2026-06-05', 15),
  });
  await assign('W2-T1', ids.T1, ids.W2, 'IMPLEMENTING', { due: '2026-05-31', started: vn('2026-05-01') });
  await assign('C1-T1', ids.T1, ids.C1, 'IMPLEMENTING', { due: '2026-05-31' });
  await assign('D2-T2', ids.T2, ids.D2, 'LEAD', { due: '2026-05-10' });
  await assign('W1-T2', ids.T2, ids.W1, 'IMPLEMENTING', {
    due: '2026-06-30',
    originalDue: '2026-05-10',
    started: vn('2026-05-02'),
    completed: vn('2026-06-10', 15),
  });
  await assign('W1-T3', ids.T3, ids.W1, 'IMPLEMENTING');
  await assign('W2-T3', ids.T3, ids.W2, 'IMPLEMENTING');
  await assign('D1-T3', ids.T3, ids.D1, 'IMPLEMENTING');
  await assign('D1-T4', ids.T4, ids.D1, 'LEAD', { started: vn('2026-02-01') });
  await assign('W1-T4', ids.T4, ids.W1, 'COORDINATING');

  await db.deadlineExtension.create({
    data: {
      assignmentId: assignment['W1-T2']!,
      previousDueDate: toDbDate('2026-05-10'),
      requestedDueDate: toDbDate('2026-06-30'),
      reason: 'Chờ hướng dẫn của Sở Nội vụ.',
      status: 'APPROVED',
      requestedById: cbMot,
      decidedById: chutich,
      decidedAt: vn('2026-05-20', 16),
      createdAt: vn('2026-05-09'),
    },
  });

  const report = async (
    key: string,
    periodKey: string,
    status: 'DRAFT' | 'SUBMITTED' | 'APPROVED',
    at: { created: Date; submitted?: Date; reviewed?: Date; reviewer?: number },
  ) => {
    await db.report.create({
      data: {
        assignmentId: assignment[key]!,
        periodKey,
        status,
        progress: status === 'DRAFT' ? 50 : 100,
        content: 'Đã thực hiện.',
        createdById: cbMot,
        createdAt: at.created,
        submittedAt: at.submitted ?? null,
        submittedById: at.submitted ? cbMot : null,
        reviewedAt: at.reviewed ?? null,
        reviewedById: at.reviewer ?? null,
        completedAt: status === 'APPROVED' ? at.reviewed! : null,
      },
    });
  };
  await report('D1-T1', 'ONCE', 'APPROVED', {
    created: vn('2026-05-05'),
    submitted: vn('2026-05-18'),
    reviewed: vn('2026-05-20', 15),
    reviewer: noivu,
  });
  await report('W1-T1', 'ONCE', 'APPROVED', {
    created: vn('2026-05-25'),
    submitted: vn('2026-06-03'),
    reviewed: vn('2026-06-05', 15),
    reviewer: headAlpha,
  });
  await report('W2-T1', 'ONCE', 'SUBMITTED', { created: vn('2026-05-01'), submitted: vn('2026-06-01') });
  await report('W1-T2', 'ONCE', 'APPROVED', {
    created: vn('2026-05-02'),
    submitted: vn('2026-06-08'),
    reviewed: vn('2026-06-10', 15),
    reviewer: chutich,
  });
  await report('W1-T3', '2026-05', 'APPROVED', {
    created: vn('2026-05-12'),
    submitted: vn('2026-05-12', 10),
    reviewed: vn('2026-05-13'),
    reviewer: noivu,
  });
  await report('W1-T3', '2026-06', 'APPROVED', {
    created: vn('2026-06-08'),
    submitted: vn('2026-06-08', 10),
    reviewed: vn('2026-06-12'),
    reviewer: noivu,
  });
  await report('D1-T3', '2026-06', 'SUBMITTED', { created: vn('2026-06-10'), submitted: vn('2026-06-11') });
  await report('W2-T3', '2026-07', 'DRAFT', { created: vn('2026-06-18') });
  await report('W1-T3', '2026-07', 'APPROVED', {
    created: vn('2026-06-16'),
    submitted: vn('2026-06-17'),
    reviewed: vn('2026-06-19'),
    reviewer: noivu,
  });
}

beforeAll(buildFixture);

const P = () => parseDashboardParams({ programme: String(ids.P) });
const counts = (c: Partial<Record<string, number>>) => ({
  DONE_ON_TIME: 0,
  DONE_LATE: 0,
  IN_PROGRESS_ON_TIME: 0,
  IN_PROGRESS_OVERDUE: 0,
  NOT_STARTED: 0,
  ...c,
  total: Object.values(c).reduce((a: number, b) => a + (b ?? 0), 0),
});

describe('the URL: filters fall back to defaults, never fail', () => {
  it('keeps valid values and drops bad ones', () => {
    expect(
      parseDashboardParams({
        programme: '12',
        section: 'abc',
        area: 'ADMIN_PROCEDURES',
        period: '2026-Q3',
        kind: 'WARD',
        sort: 'overdue',
        heat: 'area',
      }),
    ).toEqual({
      programme: 12,
      section: undefined,
      area: 'ADMIN_PROCEDURES',
      period: '2026-Q3',
      kind: 'WARD',
      sort: 'overdue',
      heat: 'area',
    });
    expect(
      parseDashboardParams({ programme: '-1', area: 'X', period: '2026-13', kind: 'LEADERSHIP', sort: 'x', heat: '' }),
    ).toEqual({
      programme: undefined,
      area: undefined,
      period: undefined,
      kind: undefined,
      sort: 'rate',
      heat: 'section',
    });
    expect(parseDashboardParams(new URLSearchParams('programme=1e3&programme=5&period=2026-H3'))).toMatchObject({
      programme: undefined,
      period: undefined,
    });
    expect(parseDashboardParams({ programme: ['7', '8'], period: '2025' })).toMatchObject({
      programme: 7,
      period: '2025',
    });
    expect(parseDrillParams({ unit: '99999999999', status: 'DONE', page: '0' })).toEqual({
      unit: undefined,
      status: 'DONE',
      lead: undefined,
      page: 1,
    });
    expect(
      dashboardQuery({ programme: 3, sort: 'rate', heat: 'section', unit: 5, status: 'IN_PROGRESS_OVERDUE' }),
    ).toBe('?programme=3&unit=5&status=IN_PROGRESS_OVERDUE');
  });

  it('a period means "as it stood at the end of its cut-off day", never later than now', () => {
    expect(asOfFor('2026-05', NOW).toISOString()).toBe('2026-05-14T16:59:59.999Z');
    expect(asOfFor('2026-Q3', NOW)).toEqual(NOW); // not over yet
    expect(asOfFor(undefined, NOW)).toEqual(NOW);
  });
});

describe('the status "as it stood" agrees with the official rule', () => {
  it('at the real now: slotsAtCte = the pure function, on every assignment', async () => {
    const now = new Date();
    const pure = await pureStatusesAt(now);
    const at = await getDb().$queryRaw<{ assignment_id: number; status: string }[]>(
      Prisma.sql`WITH ${slotsAtCte([now])} SELECT assignment_id, status FROM slots`,
    );
    expect(at.length).toBeGreaterThan(0);
    expect(Object.fromEntries(at.map((r) => [r.assignment_id, r.status]))).toEqual(pure);
  });
});

describe('the trend’s counting is the same rule', () => {
  it('the trend’s snapshots = slotsAtCte grouped, at every moment, on every assignment (seeded and fixture)', async () => {
    const db = getDb();
    // The trend's moments, the real now, and instants right at and just before recorded facts.
    const extra = [
      new Date(),
      vn('2026-06-05', 15),
      new Date(vn('2026-06-05', 15).getTime() - 1),
      vn('2026-05-20', 16),
      new Date(vn('2026-05-20', 16).getTime() + 1),
      vn('2021-09-15', 23),
    ];
    const moments = [
      ...new Set([...trendPlan(NOW).moments, ...trendPlan(new Date()).moments, ...extra].map((m) => m.getTime())),
    ]
      .sort((a, b) => a - b)
      .map((t) => new Date(t));
    const key = (rows: { moment: number; status: string; n: number }[]) =>
      Object.fromEntries(
        rows.filter((r) => r.n > 0).map((r) => [`${moments[r.moment]!.toISOString()} ${r.status}`, r.n]),
      );
    const exact = await db.$queryRaw<{ moment: number; status: string; n: number }[]>(
      Prisma.sql`WITH ${slotsAtCte(moments)} SELECT moment, status, count(*)::int AS n FROM slots GROUP BY moment, status`,
    );
    const fast = trendRows(await queryTrend(db, moments, { kind: 'CITY' }, {}));
    expect(exact.length).toBeGreaterThan(moments.length); // it counted something at most moments
    expect(key(fast)).toEqual(key(exact));
    const where = Prisma.sql`t."programmeId" = ${ids.P}`;
    const exactP = await db.$queryRaw<{ moment: number; status: string; n: number }[]>(
      Prisma.sql`WITH ${slotsAtCte(moments, { where })} SELECT moment, status, count(*)::int AS n FROM slots GROUP BY moment, status`,
    );
    expect(key(trendRows(await queryTrend(db, moments, { kind: 'CITY' }, { programme: ids.P })))).toEqual(key(exactP));
  });
});

describe('the trend per scope and filter: totals or details, the same counts', () => {
  it('= the slots grouped, for the city, a department (led, own, unled), one unit, and unit-kind, unit and lead filters', async () => {
    const db = getDb();
    const moments = trendPlan(NOW).moments.slice(0, -1);
    const scopes = [
      { kind: 'CITY' },
      { kind: 'LED', unitId: ids.D1, includeOwn: true, includeUnled: true },
      { kind: 'LED', unitId: ids.D1, includeOwn: true, includeUnled: false },
      { kind: 'LED', unitId: ids.D2, includeOwn: false, includeUnled: false },
      { kind: 'UNIT', unitId: ids.W2 },
    ] as const;
    const filters = [
      {},
      { kind: 'WARD' },
      { kind: 'COMMUNE' },
      { unit: ids.W2 },
      { lead: ids.D1 },
      { section: ids.S2 },
    ] as const;
    const key = (rows: { moment: number; status: string; n: number }[]) =>
      Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [`${r.moment} ${r.status}`, r.n]));
    let counted = 0;
    for (const scope of scopes) {
      for (const filter of filters) {
        const exact = await db.$queryRaw<{ moment: number; status: string; n: number }[]>(
          Prisma.sql`WITH RECURSIVE ${slotCtes(moments, scope, filter)} SELECT f.moment, f.status, count(*)::int AS n FROM f GROUP BY f.moment, f.status`,
        );
        const trend = trendRows(await queryTrend(db, moments, scope, filter));
        expect(key(trend), `${JSON.stringify(scope)} ${JSON.stringify(filter)}`).toEqual(key(exact));
        if (exact.length > 0) counted += 1;
      }
    }
    expect(counted).toBeGreaterThan(20);
  });
});

describe('a period that has ended is read from its snapshot', () => {
  it('= every slot evaluated as it stood, for every scope and filter (units, sections, areas, heatmap, pending, tasks)', async () => {
    const db = getDb();
    const view = { sort: 'rate', heat: 'section' } as const;
    const scopes = [
      { kind: 'CITY' },
      { kind: 'LED', unitId: ids.D1, includeOwn: true, includeUnled: true },
      { kind: 'LED', unitId: ids.D2, includeOwn: false, includeUnled: false },
      { kind: 'UNIT', unitId: ids.W2 },
    ] as const;
    const filters = [
      {},
      { programme: ids.P },
      { kind: 'WARD' },
      { kind: 'COMMUNE' },
      { unit: ids.W2 },
      { section: ids.S2 },
      { lead: ids.D1 },
      { area: 'NONE' },
    ] as const;
    let compared = 0;
    for (const period of ['2026-03', '2026-05', '2026-Q2']) {
      const asOf = asOfFor(period, new Date());
      for (const scope of scopes) {
        for (const filter of filters) {
          const evaluated = await computeDashboard(db, asOf, scope, filter, view, 'as-of');
          // The task count never evaluates a status: it must still count the tasks of the slots.
          const [tasks] = await db.$queryRaw<{ n: number }[]>(
            Prisma.sql`WITH RECURSIVE ${slotCtes([asOf], scope, filter)} SELECT count(DISTINCT f.task_id)::int AS n FROM f`,
          );
          expect(evaluated.taskCount, `tasks ${period} ${JSON.stringify(scope)} ${JSON.stringify(filter)}`).toBe(
            tasks!.n,
          );
          expect(await queryTaskCount(db, NOW, scope, filter)).toBe(
            (
              await db.$queryRaw<{ n: number }[]>(
                Prisma.sql`WITH RECURSIVE ${slotCtes([NOW], scope, filter)} SELECT count(DISTINCT f.task_id)::int AS n FROM f`,
              )
            )[0]!.n,
          );
          const fromSnapshot = await computeDashboard(db, asOf, scope, filter, view, 'snapshot');
          expect(fromSnapshot, `${period} ${JSON.stringify(scope)} ${JSON.stringify(filter)}`).toEqual(evaluated);
          if (evaluated.headline.total > 0) compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(40); // most combinations count something
    // The area view of the heatmap too.
    const asOf = asOfFor('2026-05', new Date());
    expect(
      await computeDashboard(db, asOf, { kind: 'CITY' }, {}, { sort: 'overdue', heat: 'area' }, 'snapshot'),
    ).toEqual(await computeDashboard(db, asOf, { kind: 'CITY' }, {}, { sort: 'overdue', heat: 'area' }, 'as-of'));
  });
});

describe('the chairman’s dashboard, counted by hand', () => {
  it('headline, units, sections, reform areas and heatmap at 20/06/2026', async () => {
    await actAs('chutich');
    const d = await getDashboard(P(), { now: NOW });
    expect(d.scope).toBe('CITY');
    // done on time: D1-I.1, W1-I.2 (extended), W1-II.1 (July approved); late: W1-I.1;
    // in progress: W2-II.1 (July draft), D1-II.2; overdue: W2-I.1, C1-I.1, D2-I.2; not started: D1-II.1, W1-II.2
    expect(d.headline).toEqual(
      counts({ DONE_ON_TIME: 3, DONE_LATE: 1, IN_PROGRESS_ON_TIME: 2, IN_PROGRESS_OVERDUE: 3, NOT_STARTED: 2 }),
    );
    expect(d.completionRate).toBeCloseTo(4 / 11);
    expect(d.onTimeRate).toBeCloseTo(3 / 11);
    expect(d.pending).toBe(2); // W2-I.1 and D1-II.1 June, both submitted

    const byName = Object.fromEntries(d.units.map((u) => [u.name, u]));
    expect(Object.keys(byName).sort()).toEqual(['Phòng Alpha', 'Phòng Beta', 'Phường Hai', 'Phường Một']); // Xã Ba is inside Phường Hai now
    expect(byName['Phường Một']).toMatchObject({
      counts: counts({ DONE_ON_TIME: 2, DONE_LATE: 1, NOT_STARTED: 1 }),
      pending: 0,
      completionRate: 0.75,
      onTimeRate: 0.5,
      rank: 1,
    });
    expect(byName['Phường Hai']).toMatchObject({
      counts: counts({ IN_PROGRESS_OVERDUE: 2, IN_PROGRESS_ON_TIME: 1 }),
      pending: 1,
      completionRate: 0,
      rank: 4,
    });
    expect(byName['Phòng Alpha']).toMatchObject({
      counts: counts({ DONE_ON_TIME: 1, IN_PROGRESS_ON_TIME: 1, NOT_STARTED: 1 }),
      pending: 1,
      rank: 2,
    });
    expect(byName['Phòng Beta']).toMatchObject({ counts: counts({ IN_PROGRESS_OVERDUE: 1 }), pending: 0, rank: 3 }); // 0% like Phường Hai, but fewer overdue
    expect(d.units.map((u) => u.name)).toEqual(['Phường Một', 'Phòng Alpha', 'Phòng Beta', 'Phường Hai']);

    expect(d.sections.map((s) => [s.label, s.counts])).toEqual([
      ['I', counts({ DONE_ON_TIME: 2, DONE_LATE: 1, IN_PROGRESS_OVERDUE: 3 })],
      ['II', counts({ DONE_ON_TIME: 1, IN_PROGRESS_ON_TIME: 2, NOT_STARTED: 2 })],
    ]);
    expect(d.areas.map((a) => [a.filter.area, a.counts.total])).toEqual([
      ['ADMIN_PROCEDURES', 6],
      ['CIVIL_SERVICE', 3],
      ['NONE', 2],
    ]);

    const heat = Object.fromEntries(
      d.heat.rows.map((r) => [r.name, r.cells.map((c) => (c ? `${c.done}/${c.total}` : null))]),
    );
    expect(heat).toEqual({
      'Phường Một': ['2/2', '1/2'],
      'Phòng Alpha': ['1/1', '0/2'],
      'Phòng Beta': ['0/1', null],
      'Phường Hai': ['0/2', '0/1'],
    });
  });

  it('sorting by overdue count puts the units furthest behind first', async () => {
    await actAs('chutich');
    const d = await getDashboard({ ...P(), sort: 'overdue' }, { now: NOW });
    expect(d.units.map((u) => [u.name, u.counts.IN_PROGRESS_OVERDUE])).toEqual([
      ['Phường Hai', 2],
      ['Phòng Beta', 1],
      ['Phường Một', 0],
      ['Phòng Alpha', 0],
    ]);
  });

  it('the task count follows the same filters as the headline, the unit kind included', async () => {
    await actAs('chutich');
    const all = await getDashboard(P(), { now: NOW });
    expect(all.taskCount).toBe(4);
    // By 20/06 the commune Xã Ba counts under Phường Hai: no commune has any assignment then.
    const communes = await getDashboard(parseDashboardParams({ programme: String(ids.P), kind: 'COMMUNE' }), {
      now: NOW,
    });
    expect(communes.headline.total).toBe(0);
    expect(communes.taskCount).toBe(0);
  });

  it('filters: unit kind (of the unit counted under), section, reform area', async () => {
    await actAs('chutich');
    expect((await getDashboard({ ...P(), kind: 'LOCAL' }, { now: NOW })).headline.total).toBe(7); // W1 4 + W2 3 (with Xã Ba)
    expect((await getDashboard({ ...P(), kind: 'COMMUNE' }, { now: NOW })).headline.total).toBe(0); // Xã Ba has merged
    expect((await getDashboard({ ...P(), kind: 'DEPARTMENT' }, { now: NOW })).headline.total).toBe(4);
    expect((await getDashboard({ ...P(), section: ids.S2 }, { now: NOW })).headline).toEqual(
      counts({ DONE_ON_TIME: 1, IN_PROGRESS_ON_TIME: 2, NOT_STARTED: 2 }),
    );
    expect((await getDashboard({ ...P(), area: 'NONE' }, { now: NOW })).headline).toEqual(
      counts({ IN_PROGRESS_ON_TIME: 1, NOT_STARTED: 1 }),
    );
  });

  it('a past period shows the city as it stood at its cut-off: later work, later extensions and the merger are not yet known', async () => {
    await actAs('chutich');
    // 14/05/2026: I.2's extension (approved 20/05) not yet granted, so W1-I.2 is 4 days overdue; W1's May report
    // of II.1 approved 13/05; D1-I.1 and W2-I.1 started; everything else not started.
    const may = await getDashboard({ ...P(), period: '2026-05' }, { now: NOW });
    expect(may.isNow).toBe(false);
    expect(may.headline).toEqual(
      counts({ DONE_ON_TIME: 1, IN_PROGRESS_ON_TIME: 3, IN_PROGRESS_OVERDUE: 2, NOT_STARTED: 5 }),
    );
    const overdue = await listOverdueAssignments({ ...P(), period: '2026-05' }, { now: NOW });
    expect(overdue.rows.map((r) => [r.unitName, r.taskCode, r.daysOverdue, r.dueDate])).toEqual([
      ['Phòng Beta', 'I.2', 4, '2026-05-10'],
      ['Phường Một', 'I.2', 4, '2026-05-10'],
    ]);
    // 14/03/2026: Xã Ba still exists on its own.
    const march = await getDashboard({ ...P(), period: '2026-03' }, { now: NOW });
    expect(march.headline).toEqual(counts({ IN_PROGRESS_ON_TIME: 1, NOT_STARTED: 10 }));
    expect(march.units.find((u) => u.name === 'Xã Ba')).toMatchObject({
      counts: counts({ NOT_STARTED: 1 }),
      validTo: '2026-03-31',
    });
    expect(march.units.find((u) => u.name === 'Phường Hai')?.counts.total).toBe(2);
    expect((await getDashboard({ ...P(), period: '2026-03', kind: 'COMMUNE' }, { now: NOW })).headline.total).toBe(1);
  });

  it('the home page headline is the same number', async () => {
    await actAs('chutich');
    const d = await getDashboard(P(), { now: NOW });
    expect(await getHeadline({ programmeId: ids.P, now: NOW })).toEqual(d.headline);
  });
});

describe('the trend', () => {
  it('each monthly point is the dashboard of that month; the last is now', async () => {
    await actAs('chutich');
    const trend = await getCompletionTrend(P(), { now: NOW });
    expect(trend.months.map((p) => p.key)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      'now',
    ]);
    const byKey = Object.fromEntries(trend.months.map((p) => [p.key, p]));
    expect(byKey['2025-12']!.counts.total).toBe(0); // before the programme took effect
    expect(byKey['2025-12']!.completionRate).toBeNull();
    expect(byKey['2026-01']!.counts).toEqual(counts({ NOT_STARTED: 11 }));
    expect(byKey['2026-05']!.counts).toEqual(
      counts({ DONE_ON_TIME: 1, IN_PROGRESS_ON_TIME: 3, IN_PROGRESS_OVERDUE: 2, NOT_STARTED: 5 }),
    );
    // 14/06: I.1 done by D1 (on time) and W1 (late); I.2 done by W1 within its extension; June of II.1 approved
    // for W1, submitted by D1 (in progress), nothing from W2.
    expect(byKey['2026-06']!.counts).toEqual(
      counts({ DONE_ON_TIME: 3, DONE_LATE: 1, IN_PROGRESS_ON_TIME: 2, IN_PROGRESS_OVERDUE: 3, NOT_STARTED: 2 }),
    );
    expect(byKey['now']!.counts).toEqual((await getDashboard(P(), { now: NOW })).headline);
    for (const key of ['2026-02', '2026-04', '2026-05', '2026-06']) {
      expect(byKey[key]!.counts, key).toEqual((await getDashboard({ ...P(), period: key }, { now: NOW })).headline);
    }
    expect(trend.quarters.map((p) => p.key)).toEqual([
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ]);
    expect(trend.quarters.at(-1)!.counts).toEqual(byKey['2026-06']!.counts); // Q2 ends on 14/06 too
  });

  it('with a unit-kind filter, a merged commune counts as a commune before its merger and in its ward after', async () => {
    await actAs('chutich');
    for (const kind of ['COMMUNE', 'LOCAL', 'WARD', 'DEPARTMENT'] as const) {
      const trend = await getCompletionTrend({ ...P(), kind }, { now: NOW });
      for (const point of trend.months.filter((p) =>
        ['2026-02', '2026-03', '2026-04', '2026-05', 'now'].includes(p.key),
      )) {
        const period = point.key === 'now' ? undefined : point.key;
        expect(point.counts, `${kind} ${point.key}`).toEqual(
          (await getDashboard({ ...P(), kind, period }, { now: NOW })).headline,
        );
      }
    }
    const communes = await getCompletionTrend({ ...P(), kind: 'COMMUNE' }, { now: NOW });
    expect(communes.months.find((p) => p.key === '2026-03')!.counts.total).toBe(1); // Xã Ba, still on its own
    expect(communes.months.find((p) => p.key === '2026-04')!.counts.total).toBe(0); // merged into Phường Hai on 01/04
  });
});

describe('overdue list and drill-down', () => {
  it('the overdue list: most overdue first, with the unit and the lead department', async () => {
    await actAs('chutich');
    const { total, rows } = await listOverdueAssignments(P(), { now: NOW });
    expect(total).toBe(3);
    expect(rows.map((r) => [r.unitName, r.formerUnitName, r.taskCode, r.daysOverdue, r.leadUnitName])).toEqual([
      ['Phòng Beta', null, 'I.2', 41, 'Phòng Beta'],
      ['Phường Hai', null, 'I.1', 20, 'Phòng Alpha'],
      ['Phường Hai', 'Xã Ba', 'I.1', 20, 'Phòng Alpha'],
    ]);
  });

  it('a bar (unit × status) opens the assignments behind it, with the last report and its reviewer', async () => {
    await actAs('chutich');
    const overdue = await listDashboardAssignments(
      P(),
      parseDrillParams({ unit: String(ids.W2), status: 'IN_PROGRESS_OVERDUE' }),
      { now: NOW },
    );
    expect(overdue).toMatchObject({ total: 2, unitName: 'Phường Hai' });
    expect(overdue.rows.map((r) => r.assignmentId)).toEqual([assignment['W2-T1'], assignment['C1-T1']]);
    expect(overdue.rows[0]!.lastReport).toMatchObject({
      status: 'SUBMITTED',
      reviewerName: null,
      periodLabel: 'Cả nhiệm vụ',
    });

    const w1 = await listDashboardAssignments(P(), parseDrillParams({ unit: String(ids.W1) }), { now: NOW });
    // not started first, then done late, then done on time by deadline (I.2: 30/06, II.1: July slot 14/07)
    expect(w1.rows.map((r) => [r.taskCode, r.status, r.dueDate])).toEqual([
      ['II.2', 'NOT_STARTED', null],
      ['I.1', 'DONE_LATE', '2026-05-31'],
      ['I.2', 'DONE_ON_TIME', '2026-06-30'],
      ['II.1', 'DONE_ON_TIME', '2026-07-14'],
    ]);
    expect(w1.rows[1]!.lastReport).toMatchObject({ status: 'APPROVED', reviewerName: 'Trưởng phòng Alpha' });
    expect(w1.rows[3]!.lastReport).toMatchObject({ periodLabel: 'Tháng 7/2026', status: 'APPROVED' });

    const led = await listDashboardAssignments(P(), parseDrillParams({ lead: String(ids.D2) }), { now: NOW });
    expect(led.rows.map((r) => r.assignmentId).sort()).toEqual([assignment['D2-T2'], assignment['W1-T2']].sort());
    const cell = await listDashboardAssignments(
      { ...P(), section: ids.S1 },
      parseDrillParams({ unit: String(ids.W1), status: 'DONE' }),
      { now: NOW },
    );
    expect(cell.total).toBe(2);
    const paged = await listDashboardAssignments(P(), parseDrillParams({ page: '2' }), { now: NOW, pageSize: 4 });
    expect(paged).toMatchObject({ total: 11, page: 2, pageCount: 3 });
    expect(paged.rows).toHaveLength(4);
  });
});

describe('who sees what', () => {
  it('a department head sees the work their department answers for: the tasks it leads and its own assignments', async () => {
    await actAs('tp.alpha');
    const d = await getDashboard(P(), { now: NOW });
    expect(d.scope).toBe('DEPARTMENT');
    // I.1 (4 units), II.2 (2 units) and its own assignment of II.1 (not started in July)
    expect(d.headline).toEqual(
      counts({ DONE_ON_TIME: 1, DONE_LATE: 1, IN_PROGRESS_OVERDUE: 2, IN_PROGRESS_ON_TIME: 1, NOT_STARTED: 2 }),
    );
  });

  it('the home page headline and the dashboard count the same work, for every role', async () => {
    for (const username of ['chutich', 'admin', 'tp.alpha', 'tp.noivu', 'cb.mot', 'cb.hai']) {
      await actAs(username);
      const d = await getDashboard(P(), { now: NOW });
      expect(await getHeadline({ programmeId: ids.P, now: NOW }), username).toEqual(d.headline);
    }
  });

  it('the standing office’s head also sees the tasks without a lead', async () => {
    await actAs('tp.noivu');
    const d = await getDashboard(P(), { now: NOW });
    expect(d.headline).toEqual(counts({ DONE_ON_TIME: 1, IN_PROGRESS_ON_TIME: 1, NOT_STARTED: 1 })); // II.1 only
  });

  it('an officer sees their own unit only; another unit is not found', async () => {
    await actAs('cb.mot');
    const d = await getDashboard(parseDashboardParams({}), { now: NOW });
    expect(d.scope).toBe('UNIT');
    expect(d.units.map((u) => u.name)).toEqual(['Phường Một']);
    expect(d.headline.total).toBe(await getDb().assignment.count({ where: { unitId: ids.W1 } }));
    await expect(
      listDashboardAssignments(P(), parseDrillParams({ unit: String(ids.W2) }), { now: NOW }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listDashboardAssignments(P(), parseDrillParams({ unit: String(ids.W1) }), { now: NOW })).total).toBe(
      4,
    );
    expect(
      (await listOverdueAssignments(parseDashboardParams({}), { now: NOW })).rows.every(
        (r) => r.unitName === 'Phường Một',
      ),
    ).toBe(true);
    const exported = await getExportSource(parseDashboardParams({}), { now: NOW });
    const exportedUnits = new Set<string>();
    for await (const page of exported.rows()) for (const r of page) exportedUnits.add(r.unitName);
    expect(exportedUnits).toEqual(new Set(['Phường Một']));
    expect(exported.dashboard.units.map((u) => u.name)).toEqual(['Phường Một']);
  });

  it('a seeded ward officer’s view is their ward’s assignments and nothing else', async () => {
    await actAs('cb.tranphu');
    const d = await getDashboard(parseDashboardParams({}));
    expect(d.headline.total).toBe(await getDb().assignment.count({ where: { unitId: await unitId('P-TRANPHU') } }));
    expect(d.units.map((u) => u.name)).toEqual(['Phường Trần Phú']);
  });

  it('nobody signed in gets nothing', async () => {
    await actAs(null);
    await expect(getDashboard(P())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(getDashboardFilterOptions({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

// ───────────────────────────── Exports ─────────────────────────────

/** The files of a zip (xlsx and docx are zips), read with node:zlib from the central directory. */
function unzip(buf: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error('not a zip');
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i -= 1) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const skip = nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 0 ? data : inflateRawSync(data)).toString('utf8'));
    p += 46 + skip;
  }
  return files;
}

const xmlText = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join('')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** Each table of document.xml as rows of cell texts (nested tables are read as their own). */
function docxTables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => xmlText(c[1]!)),
    ),
  );
}

async function readWorkbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function rowValues(sheet: ExcelJS.Worksheet, r: number): unknown[] {
  const out: unknown[] = [];
  sheet.getRow(r).eachCell({ includeEmpty: true }, (cell, c) => (out[c - 1] = cell.value));
  return out;
}

function findRow(sheet: ExcelJS.Worksheet, column: number, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r += 1) if (sheet.getCell(r, column).value === text) return r;
  throw new Error(`no row with ${text}`);
}

describe('Excel: "Biểu tổng hợp"', () => {
  it('per unit (departments, then wards and communes, with subtotals) and per section with the headline columns, frozen headers, and the list with real dates', async () => {
    await actAs('chutich');
    const data = await getExportSource(P(), { now: NOW });
    const wb = await readWorkbook(await buildSummaryWorkbook(data));
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Theo đơn vị',
      'Theo mục',
      'Theo lĩnh vực CCHC',
      'Danh sách nhiệm vụ',
    ]);

    const units = wb.getWorksheet('Theo đơn vị')!;
    expect(units.getCell(1, 1).value).toBe('UBND THÀNH PHỐ HÀ TĨNH');
    expect(rowValues(units, 1).at(-1)).toBe('Biểu số 01');
    expect(units.getCell(3, 1).value).toBe('BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ');
    expect(units.getCell(3, 1).alignment).toMatchObject({ horizontal: 'center' });
    const head = findRow(units, 1, 'STT');
    expect(rowValues(units, head).slice(0, 14)).toEqual([
      'STT',
      'Đơn vị',
      'Loại đơn vị',
      'Tổng số',
      'Đã hoàn thành',
      'Đã hoàn thành',
      'Đã hoàn thành',
      'Chưa hoàn thành',
      'Chưa hoàn thành',
      'Chưa hoàn thành',
      'Tỷ lệ hoàn thành',
      'Tỷ lệ hoàn thành đúng hạn',
      'Báo cáo chờ duyệt (hiện tại)',
      'Xếp hạng',
    ]);
    expect(rowValues(units, head + 1).slice(4, 10)).toEqual([
      'Tổng',
      'Đúng hạn',
      'Quá hạn',
      'Tổng',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: head + 1 });
    // Departments: Alpha 3 (I.1 done on time; II.1 and II.2 in progress in time), Beta 1 (I.2 overdue)
    const departments = findRow(units, 2, 'Các phòng, ban, đơn vị thuộc thành phố');
    expect(departments).toBe(head + 2);
    expect(rowValues(units, departments).slice(0, 10)).toEqual([
      'I',
      'Các phòng, ban, đơn vị thuộc thành phố',
      null,
      4,
      1,
      1,
      0,
      3,
      2,
      1,
    ]);
    const wards = findRow(units, 2, 'Các phường, xã');
    expect(rowValues(units, wards).slice(0, 10)).toEqual(['II', 'Các phường, xã', null, 7, 3, 2, 1, 4, 2, 2]);
    // Phường Một: 4 = done 3 (on time 2, late 1) + open 1 (in time 1, overdue 0); 75%, 50%; rank 1
    expect(rowValues(units, wards + 1)).toEqual([1, 'Phường Một', 'Phường', 4, 3, 2, 1, 1, 1, 0, 0.75, 0.5, 0, 1]);
    expect(rowValues(units, findRow(units, 2, 'Phường Hai')).slice(3)).toEqual([3, 0, 0, 0, 3, 1, 2, 0, 0, 1, 4]);
    const total = findRow(units, 2, 'Tổng cộng');
    expect(rowValues(units, total).slice(3, 10)).toEqual([11, 4, 3, 1, 7, 4, 3]);
    expect(units.getCell(total, 4).font).toMatchObject({ bold: true });
    expect(units.getColumn(2).width).toBeGreaterThanOrEqual(24);
    // Signature lines under the table, the chairman's name from his account
    for (const text of [
      'NGƯỜI LẬP BIỂU',
      'THỦ TRƯỞNG ĐƠN VỊ',
      '(Ký, ghi rõ họ tên)',
      '(Ký tên, đóng dấu)',
      'Trần Văn Minh',
      'Hà Tĩnh, ngày 20 tháng 6 năm 2026',
    ]) {
      let found = 0;
      units.eachRow((row, r) =>
        row.eachCell((cell) => {
          if (cell.value === text && r > total) found = r;
        }),
      );
      expect(found, text).toBeGreaterThan(total);
    }
    expect(units.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });

    const sections = wb.getWorksheet('Theo mục')!;
    expect(rowValues(sections, findRow(sections, 2, 'I. Cải cách thủ tục hành chính')).slice(2, 9)).toEqual([
      6, 3, 2, 1, 3, 0, 3,
    ]);
    expect(rowValues(sections, findRow(sections, 2, 'II. Cải cách chế độ công vụ')).slice(2, 9)).toEqual([
      5, 1, 1, 0, 4, 4, 0,
    ]);

    const list = wb.getWorksheet('Danh sách nhiệm vụ')!;
    const listHead = findRow(list, 1, 'STT');
    expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: listHead });
    expect(list.getCell(listHead, 3).value).toBe('Nhiệm vụ');
    expect(list.rowCount).toBe(listHead + 11);
    const beta = findRow(list, 5, 'Phòng Beta');
    expect(list.getCell(beta, 10).value).toBe('Đang thực hiện quá hạn');
    expect(list.getCell(beta, 11).value).toEqual(new Date('2026-05-10T00:00:00Z'));
    expect(list.getCell(beta, 11).numFmt).toBe('dd/mm/yyyy');
    expect(list.getCell(beta, 12).value).toBe(41);
    const former = findRow(list, 6, 'Xã Ba');
    expect(list.getCell(former, 5).value).toBe('Phường Hai');
    const w1t1 = list
      .getRows(listHead + 1, 11)!
      .find((r) => r.getCell(5).value === 'Phường Một' && r.getCell(2).value === 'I.1')!;
    expect(w1t1.getCell(15).value).toBe('Đã duyệt');
    expect(w1t1.getCell(16).value).toEqual(new Date('2026-06-03T09:00:00Z')); // 09:00 in Vietnam, as wall-clock time
    expect(w1t1.getCell(17).value).toBe('Trưởng phòng Alpha');
  });

  it('no cell can run as a formula, whatever the names and titles say', async () => {
    const db = getDb();
    const evil = ['=HYPERLINK("http://evil.example","Bấm vào đây")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=2+2'];
    const unit = await db.unit.create({
      data: { code: 'T-EVIL', name: "=cmd|' /C calc'!A0", kind: 'WARD', validFrom: toDbDate('2020-01-01') },
    });
    const programme = await db.programme.create({
      data: { title: '+Chương trình', issuingBody: 'UBND thành phố Hà Tĩnh' },
    });
    const section = await db.section.create({
      data: { programmeId: programme.id, numeral: 'I', title: '=1+2', order: 1 },
    });
    for (const [i, title] of evil.entries()) {
      const task = await db.task.create({
        data: {
          programmeId: programme.id,
          sectionId: section.id,
          number: String(i + 1),
          order: i + 1,
          title,
          text: title,
        },
      });
      await db.assignment.create({ data: { taskId: task.id, unitId: unit.id, role: 'IMPLEMENTING' } });
    }
    await actAs('chutich');
    const bytes = await buildSummaryWorkbook(
      await getExportSource(parseDashboardParams({ programme: String(programme.id) })),
    );

    const files = unzip(bytes);
    const sheets = [...files.keys()].filter((n) => n.startsWith('xl/worksheets/sheet'));
    expect(sheets).toHaveLength(4);
    for (const name of sheets) expect(files.get(name), name).not.toMatch(/<f[ >]/);

    const wb = await readWorkbook(bytes);
    const list = wb.getWorksheet('Danh sách nhiệm vụ')!;
    const listHead = findRow(list, 1, 'STT');
    const titles: unknown[] = [];
    list.eachRow((row, r) => {
      if (r <= listHead) return;
      const cell = row.getCell(3);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
      titles.push(cell.value);
      expect(row.getCell(5).value).toBe(" =cmd|' /C calc'!A0");
      expect(row.getCell(4).value).toBe(' +Chương trình');
    });
    expect(titles.sort()).toEqual(evil.map((t) => ` ${t.replace('\r', '\n')}`).sort());
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
    );
    expect(safeText('- Đã quán triệt')).toBe(' - Đã quán triệt');
    expect(safeText('Đã quán triệt = 100%')).toBe('Đã quán triệt = 100%');
  });
});

describe('Word: "Báo cáo kết quả thực hiện" in the layout of Decree 30/2020/NĐ-CP', () => {
  it('has the national title and motto, the issuing body, number, place and date, the headline, a table per section, the units behind, recipients and signature', async () => {
    await actAs('chutich');
    const data = await getExportSource({ ...P(), heat: 'section' }, { now: NOW });
    const files = unzip(await buildReportDocument(data));
    const xml = files.get('word/document.xml')!;
    // The trích yếu's last two words are held together by a no-break space (no lone word on its last line).
    const text = xmlText(xml).replace(/\u00a0/g, ' ');
    for (const expected of [
      'ỦY BAN NHÂN DÂN',
      'THÀNH PHỐ HÀ TĨNH',
      'Số:        /BC-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Tĩnh, ngày 20 tháng 6 năm 2026',
      'BÁO CÁO',
      'Kết quả thực hiện Kế hoạch thử nghiệm bảng điều khiển năm 2026',
      'Tổng số 11 nhiệm vụ; đã hoàn thành 4 (36,4%; đúng hạn 3, quá hạn 1); chưa hoàn thành 7 (63,6%; trong hạn 4, quá hạn 3).',
      'I. KẾT QUẢ CHUNG',
      '1. Cải cách thủ tục hành chính',
      '2. Cải cách chế độ công vụ',
      'III. CÁC ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN',
      'Trên đây là báo cáo kết quả thực hiện Kế hoạch thử nghiệm bảng điều khiển năm 2026 của Ủy ban nhân dân thành phố./.',
      'Nơi nhận:',
      '- Lưu: VT, NV.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Trần Văn Minh',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toMatch(/\d\. [IVX]+\. /); // never "1. I. …"
    expect(text.match(/của Ủy ban nhân dân thành phố/g)).toHaveLength(1);
    expect(text.indexOf('Trần Văn Minh')).toBeGreaterThan(text.indexOf('CHỦ TỊCH'));
    expect(text.indexOf('CỘNG HÒA XÃ HỘI')).toBeLessThan(text.indexOf('BÁO CÁO'));
    expect(text.indexOf('Nơi nhận:')).toBeGreaterThan(text.indexOf('III. CÁC ĐƠN VỊ'));
    expect(xml).toContain('w:w="11906"'); // A4
    expect(xml).toContain('Times New Roman');

    const tables = docxTables(xml).filter((t) => t[0]?.[0] === 'STT');
    // section I: W1 2 (2 done: 1 on time, 1 late); Alpha 1 on time; Beta 1 overdue; Hai 2 overdue
    const sectionI = tables[0]!;
    expect(sectionI.slice(2)).toEqual([
      ['1', 'Phường Một', '2', '1', '1', '0', '0', '100%'],
      ['2', 'Phòng Alpha', '1', '1', '0', '0', '0', '100%'],
      ['3', 'Phòng Beta', '1', '0', '0', '0', '1', '0%'],
      ['4', 'Phường Hai', '2', '0', '0', '0', '2', '0%'],
      ['', 'Tổng cộng', '6', '2', '1', '0', '3', '50%'],
    ]);
    expect(tables[1]!.at(-1)).toEqual(['', 'Tổng cộng', '5', '1', '0', '4', '0', '20%']);
    const behind = tables[2]!;
    expect(behind.slice(1)).toEqual([
      ['1', 'Phường Hai', '2', '3', '0%'],
      ['2', 'Phòng Beta', '1', '1', '0%'],
    ]);
  });

  it('writes dates the way the decree does', () => {
    expect(decreeDateLine('Hà Tĩnh', '2026-02-05')).toBe('Hà Tĩnh, ngày 05 tháng 02 năm 2026');
    expect(decreeDateLine('Hà Tĩnh', '2026-11-27')).toBe('Hà Tĩnh, ngày 27 tháng 11 năm 2026');
    expect(headlineSentence(counts({}))).toBe(
      'Tổng số 0 nhiệm vụ; đã hoàn thành 0 (0%; đúng hạn 0, quá hạn 0); chưa hoàn thành 0 (0%; trong hạn 0, quá hạn 0).',
    );
  });
});

describe('the export routes', () => {
  it('send an attachment with a Vietnamese file name, for the signed-in user’s scope only', async () => {
    const { GET: xlsx } = await import('../../app/api/exports/xlsx/route');
    const { GET: docx } = await import('../../app/api/exports/docx/route');
    await actAs('chutich');
    const res = await xlsx(new Request(`http://localhost/api/exports/xlsx?programme=${ids.P}&period=bogus`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(
      /^attachment; filename="Bieu tong hop \d{2}-\d{2}-\d{4}\.xlsx"; filename\*=UTF-8''Bi%E1%BB%83u%20t%E1%BB%95ng%20h%E1%BB%A3p%20/,
    );
    expect((await readWorkbook(Buffer.from(await res.arrayBuffer()))).worksheets).toHaveLength(4);
    const word = await docx(new Request(`http://localhost/api/exports/docx?programme=${ids.P}`));
    expect(word.status).toBe(200);
    expect(word.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3",
    );

    await actAs('cb.mot');
    const own = await xlsx(new Request('http://localhost/api/exports/xlsx'));
    const wb = await readWorkbook(Buffer.from(await own.arrayBuffer()));
    const names = new Set<unknown>();
    const ownList = wb.getWorksheet('Danh sách nhiệm vụ')!;
    const ownHead = findRow(ownList, 1, 'STT');
    ownList.eachRow((row, r) => r > ownHead && names.add(row.getCell(5).value));
    expect(names).toEqual(new Set(['Phường Một']));

    await actAs(null);
    const refused = await xlsx(new Request('http://localhost/api/exports/xlsx'));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await refused.text()).toContain('Đăng nhập');
  });
});
