/**
 * The national dashboard shows part of what it computes (decision 028): the head and the tail of
 * the ranking, the first heatmap rows, the first chart bars (each with one link, the status parts'
 * links built in the browser) and the most overdue assignments. Here, on the seeded city in real
 * PostgreSQL, every trimmed part is checked against the full data it was cut from, with cuts small
 * enough to bite on 29 units; and an approved report shows on the next view.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { actAs, currentUser } from '../support/as-user';

vi.mock('../../lib/auth', () => ({ getCurrentUser: async () => currentUser() }));

const { getDb } = await import('../../lib/db');
const { getDashboard, listOverdueAssignments, listDashboardAssignments } = await import('../../lib/data/dashboard');
const { rankingRows, OVERDUE_SHOWN, HEAT_ROWS, RANKING_TOP, RANKING_BOTTOM } =
  await import('../../lib/data/dashboard-shape');
const { resetStatsCache } = await import('../../lib/data/stats-cache');
const { reviewReport } = await import('../../lib/data/reports');
const { parseDashboardParams } = await import('../../lib/validation/dashboard');
const { unitBars, groupBars } = await import('../../components/dashboard/bar-data');
const { drillHref } = await import('../../components/dashboard/links');
const { statusHref } = await import('../../components/charts/status-href');
const { OFFICIAL_STATUSES } = await import('../../lib/domain/status');

const ALL = 100_000;

beforeEach(async () => {
  resetStatsCache();
  await actAs('chutich');
});

const views = [
  parseDashboardParams({}),
  parseDashboardParams({ sort: 'overdue' }),
  parseDashboardParams({ kind: 'WARD', heat: 'area' }),
];

describe('the trimmed sections agree with the full data', () => {
  it.each(views.map((f) => [JSON.stringify(f), f]))(
    'ranking: head and tail of the full ranking (%s)',
    async (_, filters) => {
      const d = await getDashboard(filters);
      expect(d.units.length).toBeGreaterThan(7); // so that the cut below bites
      const full = [...d.units].sort((a, b) => a.rank - b.rank);
      const { rows, total, left } = rankingRows(d.units, 4, 3);
      expect(total).toBe(full.length);
      expect(left).toBe(full.length - 7);
      expect(rows.map((u) => u.unitId)).toEqual([...full.slice(0, 4), ...full.slice(-3)].map((u) => u.unitId));
      expect(rows.map((u) => u.rank)).toEqual([1, 2, 3, 4, full.length - 2, full.length - 1, full.length]);
      // Nothing is lost by the cut: the units shown and left out add up to the headline.
      const sum = OFFICIAL_STATUSES.map((s) => full.reduce((n, u) => n + u.counts[s], 0));
      expect(sum).toEqual(OFFICIAL_STATUSES.map((s) => d.headline[s]));
      // With the page's own cut: shown whole when short (a filtered view), else its head and tail
      // (the whole ranking is paged at /dashboard/ranking: tests/integration/dashboard-pages.test.ts).
      const page = rankingRows(d.units).rows.map((u) => u.unitId);
      expect(page).toEqual(
        full.length <= RANKING_TOP + RANKING_BOTTOM
          ? full.map((u) => u.unitId)
          : [...full.slice(0, RANKING_TOP), ...full.slice(-RANKING_BOTTOM)].map((u) => u.unitId),
      );
    },
  );

  it.each(views.map((f) => [JSON.stringify(f), f]))(
    'heatmap: the first rows of the full heatmap (%s)',
    async (_, filters) => {
      const cut = await getDashboard(filters, { heatUnits: 5 });
      const full = await getDashboard(filters, { heatUnits: ALL });
      expect(cut.heat.totalUnits).toBe(full.units.length);
      expect(cut.heat.rows).toHaveLength(5);
      expect(cut.heat.rows).toEqual(full.heat.rows.slice(0, 5));
      expect(cut.heat.rows.map((r) => r.unitId)).toEqual(full.units.slice(0, 5).map((u) => u.unitId));
      // Each unit's cells add up to its standing (a unit's assignments fall in exactly one column).
      for (const row of full.heat.rows) {
        const unit = full.units.find((u) => u.unitId === row.unitId)!;
        expect(row.cells.reduce((n, c) => n + (c?.total ?? 0), 0)).toBe(unit.counts.total);
      }
      expect((await getDashboard(filters)).heat.rows).toHaveLength(Math.min(HEAT_ROWS, full.units.length));
    },
  );

  it.each(views.map((f) => [JSON.stringify(f), f]))(
    'chart bars: counts and every status link as the server would write it (%s)',
    async (_, filters) => {
      const d = await getDashboard(filters);
      const bars = [
        ...unitBars(d.units, filters).map((b, i) => ({ b, filter: { unit: d.units[i]!.unitId } })),
        ...groupBars(d.sections, filters).map((b, i) => ({ b, filter: d.sections[i]!.filter })),
        ...groupBars(d.areas, filters).map((b, i) => ({ b, filter: d.areas[i]!.filter })),
      ];
      expect(bars.length).toBeGreaterThan(d.units.length);
      for (const { b, filter } of bars) {
        for (const s of OFFICIAL_STATUSES) {
          expect(statusHref(b.href, s)).toBe(drillHref(filters, { ...filter, status: s }));
        }
      }
      for (const [i, u] of d.units.entries()) {
        expect(OFFICIAL_STATUSES.map((s) => bars[i]!.b[s])).toEqual(OFFICIAL_STATUSES.map((s) => u.counts[s]));
      }
      // A view without any filter: the status is the link's first parameter.
      expect(statusHref('/dashboard/assignments', 'NOT_STARTED')).toBe(
        drillHref(parseDashboardParams({}), { status: 'NOT_STARTED' }),
      );
    },
  );

  it.each(views.map((f) => [JSON.stringify(f), f]))(
    'overdue list: the most overdue of all the overdue assignments (%s)',
    async (_, filters) => {
      const shown = await listOverdueAssignments(filters, { limit: OVERDUE_SHOWN });
      const all = await listOverdueAssignments(filters, { limit: ALL });
      const d = await getDashboard(filters);
      expect(shown.total).toBe(d.headline.IN_PROGRESS_OVERDUE);
      expect(all.rows).toHaveLength(shown.total);
      expect(shown.rows).toEqual(all.rows.slice(0, OVERDUE_SHOWN));
      // The drill-down behind "Xem tất cả" pages the same assignments.
      const drill = await listDashboardAssignments(filters, { status: 'IN_PROGRESS_OVERDUE', page: 1 } as never, {
        pageSize: ALL,
      });
      expect(drill.total).toBe(shown.total);
      expect(new Set(drill.rows.map((r) => r.assignmentId))).toEqual(new Set(all.rows.map((r) => r.assignmentId)));
    },
  );
});

describe('a change of data shows on the next view', () => {
  it('approving a 100% report of an overdue assignment takes it off the overdue list and moves the ranking', async () => {
    const filters = parseDashboardParams({});
    const before = await getDashboard(filters);
    const overdue = await listOverdueAssignments(filters, { limit: ALL });
    const db = getDb();
    // An overdue one-off assignment of a unit that is not its task's lead, on a task whose lead has a head.
    const candidates = await db.assignment.findMany({
      where: {
        id: { in: overdue.rows.map((r) => r.assignmentId) },
        role: { not: 'LEAD' },
        task: {
          recurrence: 'ONCE',
          assignments: { some: { role: 'LEAD', unit: { users: { some: { role: 'DEPARTMENT_HEAD', active: true } } } } },
        },
      },
      select: {
        id: true,
        unitId: true,
        reports: { select: { id: true } },
        task: {
          select: {
            assignments: {
              where: { role: 'LEAD' },
              select: {
                unit: {
                  select: { users: { where: { role: 'DEPARTMENT_HEAD', active: true }, select: { username: true } } },
                },
              },
            },
          },
        },
      },
    });
    const target = candidates.find((c) => c.reports.length === 0) ?? candidates[0];
    expect(target, 'the seed has an overdue assignment with a lead head').toBeDefined();
    const officer = await db.user.findFirst({ where: { unitId: target!.unitId }, select: { id: true } });
    const author = officer ?? (await db.user.findFirstOrThrow({ where: { username: 'admin' }, select: { id: true } }));
    await db.report.deleteMany({ where: { assignmentId: target!.id } });
    const submittedAt = new Date(Date.now() - 60_000);
    const report = await db.report.create({
      data: {
        assignmentId: target!.id,
        periodKey: 'ONCE',
        progress: 100,
        content: 'Đã hoàn thành nhiệm vụ.',
        noEvidenceReason: 'Báo cáo kiểm thử.',
        status: 'SUBMITTED',
        createdById: author.id,
        submittedById: author.id,
        submittedAt,
      },
      select: { id: true, version: true },
    });
    resetStatsCache();
    const between = await listOverdueAssignments(filters, { limit: ALL });
    expect(between.rows.map((r) => r.assignmentId)).toContain(target!.id);

    await actAs(target!.task.assignments[0]!.unit.users[0]!.username);
    await reviewReport({ reportId: report.id, version: report.version, decision: 'approve', comment: '' });
    await actAs('chutich');
    // No reset here: the next view must not be served from an entry computed before the approval.
    const after = await listOverdueAssignments(filters, { limit: ALL });
    expect(after.rows.map((r) => r.assignmentId)).not.toContain(target!.id);
    expect(after.total).toBe(between.total - 1);
    const d = await getDashboard(filters);
    expect(d.headline.DONE_LATE).toBe(before.headline.DONE_LATE + 1);
    expect(d.headline.IN_PROGRESS_OVERDUE).toBe(before.headline.IN_PROGRESS_OVERDUE - 1);
    const unit = d.units.find((u) => u.unitId === target!.unitId)!;
    const was = before.units.find((u) => u.unitId === target!.unitId)!;
    expect(unit.counts.IN_PROGRESS_OVERDUE).toBe(was.counts.IN_PROGRESS_OVERDUE - 1);
    expect(rankingRows(d.units, 4, 3).total).toBe(d.units.length);
  });
});
