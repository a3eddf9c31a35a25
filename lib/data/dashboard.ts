import 'server-only';
import { getDb } from '../db';
import { NotFoundError } from '../errors';
import { periodLabelOf, type DashboardFilters, type DrillParams } from '../validation/dashboard';
import { computeDashboard, computeHeatWindow, queryAssignments, queryTrend, type SlotFilter } from './dashboard-sql';
import {
  HEAT_PAGE,
  pageWindow,
  RANKING_PAGE,
  shapeRow,
  shapeTrend,
  trendPlan,
  type Dashboard,
  type DashboardScopeKind,
  type DrillRow,
  type Heatmap,
  type Trend,
  type UnitStanding,
} from './dashboard-shape';
import { requirePermission } from './guard';
import { readStatistics } from './read-source';
import { statisticsScope, type StatisticsScope } from './statistics-scope';
import { cachedStat, momentKey, resolveMoment } from './stats-cache';

/**
 * The chairman's dashboard, the drill-down lists and the exports: ONE set of functions, so the
 * screen, the Excel table and the Word report never disagree (and the home page headline comes
 * from the same SQL, see lib/data/stats.ts). Aggregation happens in PostgreSQL; these functions
 * shape the small results for the page.
 *
 * Who sees what:
 *   - chairman, vice-chairmen, administrator (dashboard:city): the whole city;
 *   - a department head (dashboard:department): every unit's assignments on the tasks their
 *     department leads — and, for the standing office (Phòng Nội vụ), the tasks nobody leads;
 *   - anyone else: their own unit's assignments only; naming another unit is "not found".
 *
 * Rates: completion rate = done (on time + late) / total; on-time rate = done on time / total.
 * Both are null when there is nothing to count.
 */

export type { StatusCounts } from './dashboard-sql';
export type {
  Dashboard,
  DashboardScopeKind,
  DrillRow,
  GroupStanding,
  HeatCell,
  Heatmap,
  Rates,
  Trend,
  TrendPoint,
  UnitStanding,
} from './dashboard-shape';

type ResolvedScope = StatisticsScope;
export const scopeOf = statisticsScope;

/** A unit-scoped user may only name their own unit; anything else does not exist for them. */
function checkUnit(resolved: ResolvedScope, unit: number | undefined): void {
  if (unit !== undefined && resolved.scope.kind === 'UNIT' && resolved.scope.unitId !== unit) throw new NotFoundError();
}

export function slotFilter(filters: DashboardFilters, drill?: Partial<DrillParams>): SlotFilter {
  return {
    programme: filters.programme,
    section: filters.section,
    area: filters.area,
    kind: filters.kind,
    unit: drill?.unit,
    status: drill?.status,
    lead: drill?.lead,
  };
}

/** Whose numbers, as of when, filtered how: read once per call, so a page and its window agree. */
async function statisticsContext(filters: DashboardFilters, pinnedNow?: Date) {
  const resolved = scopeOf(await requirePermission('work:read-own'));
  const moment = resolveMoment(filters.period, pinnedNow);
  return { resolved, ...moment, filter: slotFilter(filters), moment: momentKey(moment.asOf, moment.live) };
}
type StatisticsContext = Awaited<ReturnType<typeof statisticsContext>>;

/** Everything the dashboard draws, for the user's scope and the filters, as of the chosen period. */
export async function getDashboard(
  filters: DashboardFilters,
  options: { now?: Date; heatUnits?: number } = {},
): Promise<Dashboard> {
  return dashboardIn(await statisticsContext(filters, options.now), filters, options.heatUnits);
}

async function dashboardIn(ctx: StatisticsContext, filters: DashboardFilters, heatUnits?: number): Promise<Dashboard> {
  const { resolved, now, asOf, read, filter } = ctx;
  const view = { sort: filters.sort, heat: filters.heat, heatUnits };
  const computed = await cachedStat(['dashboard', resolved.scope, filter, view, ctx.moment], () =>
    readStatistics((db) => computeDashboard(db, asOf, resolved.scope, filter, view, read)),
  );
  return {
    scope: resolved.kind,
    scopeLabel: resolved.label,
    asOf,
    isNow: asOf.getTime() === now.getTime(),
    periodLabel: periodLabelOf(filters.period),
    ...computed,
  };
}

/** One page of a list of units the dashboard shows only the start of (decision 031). */
export type UnitPage<T> = { page: number; pageCount: number; total: number; scopeLabel: string; asOf: Date; rows: T };

/**
 * The whole ranking, RANKING_PAGE units a page in rank order: the dashboard shows its head and tail.
 * Only for a scope of several units (a unit-scoped user has no ranking: "not found"). The numbers
 * are getDashboard's, from the same cached computation.
 */
export async function getRankingPage(
  filters: DashboardFilters,
  page: number,
  options: { now?: Date; pageSize?: number } = {},
): Promise<UnitPage<UnitStanding[]>> {
  const d = await getDashboard(filters, { now: options.now });
  if (d.scope === 'UNIT') throw new NotFoundError();
  const size = options.pageSize ?? RANKING_PAGE;
  const ranked = d.units.every((u, i) => u.rank === i + 1) ? d.units : [...d.units].sort((a, b) => a.rank - b.rank);
  const at = pageWindow(ranked.length, page, size);
  return {
    page: at.page,
    pageCount: at.pageCount,
    total: ranked.length,
    scopeLabel: d.scopeLabel,
    asOf: d.asOf,
    rows: ranked.slice(at.offset, at.offset + size),
  };
}

/**
 * The whole heatmap, HEAT_PAGE units a page in the dashboard's order (its `sort`): the dashboard
 * shows the first HEAT_ROWS. Only for a scope of several units, like the ranking.
 */
export async function getHeatmapPage(
  filters: DashboardFilters,
  page: number,
  options: { now?: Date; pageSize?: number } = {},
): Promise<UnitPage<Heatmap>> {
  const ctx = await statisticsContext(filters, options.now);
  const d = await dashboardIn(ctx, filters);
  if (d.scope === 'UNIT') throw new NotFoundError();
  const size = options.pageSize ?? HEAT_PAGE;
  const at = pageWindow(d.units.length, page, size);
  // Only this page's units are queried and kept (a small entry); the aggregates are the dashboard's.
  const slice = { sort: filters.sort, heat: filters.heat, heatUnits: size, heatFrom: at.offset };
  const rows = await cachedStat(['heat', ctx.resolved.scope, ctx.filter, slice, ctx.moment], () =>
    readStatistics((db) => computeHeatWindow(db, ctx.asOf, ctx.resolved.scope, ctx.filter, d, slice, ctx.read)),
  );
  return {
    page: at.page,
    pageCount: at.pageCount,
    total: d.units.length,
    scopeLabel: d.scopeLabel,
    asOf: d.asOf,
    rows,
  };
}

/**
 * Completion over time. Each point is the dashboard as it would have read at a cut-off: the
 * official status of every slot "as it stood" at the last instant of the cut-off day (Decree
 * 09/2019: the 14th of the month; quarters end on 14/3, 14/6, 14/9, 14/12), counting only facts
 * recorded by then (lib/data/status-sql.ts, slotsAtCte). So the point of a month equals the
 * dashboard with that month chosen as the period, and the last point ("Đến nay") equals the
 * dashboard now. Recurring tasks count with the period slot containing the cut-off day.
 * Months: the last 12 cut-offs; quarters: the last 8. One query for all of them.
 */
export async function getCompletionTrend(filters: DashboardFilters, options: { now?: Date } = {}): Promise<Trend> {
  const user = await requirePermission('work:read-own');
  const { asOf, live } = resolveMoment(filters.period, options.now);
  const plan = trendPlan(asOf);
  const scope = scopeOf(user).scope;
  const filter = slotFilter(filters);
  // The points before the last are past cut-offs; the last is the moment itself.
  const past = plan.moments.slice(0, -1).map((m) => m.toISOString());
  const rows = await cachedStat(['trend', scope, filter, past, momentKey(asOf, live)], () =>
    readStatistics((db) => queryTrend(db, plan.moments, scope, filter, live)),
  );
  return shapeTrend(plan, rows);
}

/** The overdue assignments, most overdue first, with their unit and the task's lead department. */
export async function listOverdueAssignments(
  filters: DashboardFilters,
  options: { now?: Date; limit?: number } = {},
): Promise<{ total: number; rows: DrillRow[] }> {
  const user = await requirePermission('work:read-own');
  const resolved = scopeOf(user);
  const { asOf, live } = resolveMoment(filters.period, options.now);
  const filter = slotFilter(filters, { status: 'IN_PROGRESS_OVERDUE' });
  const page = { order: 'overdue', limit: options.limit ?? 50, offset: 0 } as const;
  const rows = await cachedStat(['overdue', resolved.scope, filter, page, momentKey(asOf, live)], () =>
    readStatistics((db) => queryAssignments(db, asOf, resolved.scope, filter, { ...page, live })),
  );
  return { total: rows[0]?.total ?? 0, rows: rows.map(shapeRow) };
}

export const DRILL_PAGE_SIZE = 50;

export type DrillList = {
  total: number;
  page: number;
  pageCount: number;
  rows: DrillRow[];
  asOf: Date;
  /** False when a period is chosen whose cut-off has passed. */
  isNow: boolean;
  /** Names of what the drill-down is narrowed to, for the heading. */
  unitName: string | null;
  leadName: string | null;
};

export type DrillTarget = { unitName: string | null; leadName: string | null };

/**
 * What a drill-down names (its unit and lead department), checked before anything is listed: a
 * unit-scoped user naming another unit, or an id that names nothing, is "not found".
 */
export async function getDrillTarget(drill: Pick<DrillParams, 'unit' | 'lead'>): Promise<DrillTarget> {
  const user = await requirePermission('work:read-own');
  checkUnit(scopeOf(user), drill.unit);
  const db = getDb();
  const [unit, lead] = await Promise.all([
    drill.unit !== undefined ? db.unit.findUnique({ where: { id: drill.unit }, select: { name: true } }) : null,
    drill.lead !== undefined ? db.unit.findUnique({ where: { id: drill.lead }, select: { name: true } }) : null,
  ]);
  if ((drill.unit !== undefined && !unit) || (drill.lead !== undefined && !lead)) throw new NotFoundError();
  return { unitName: unit?.name ?? null, leadName: lead?.name ?? null };
}

/** The assignments behind a bar, a cell or a row: filters plus unit, status and lead department. */
export async function listDashboardAssignments(
  filters: DashboardFilters,
  drill: DrillParams,
  options: { now?: Date; pageSize?: number } = {},
): Promise<DrillList> {
  const user = await requirePermission('work:read-own');
  const resolved = scopeOf(user);
  const target = await getDrillTarget(drill);
  const { now, asOf, live } = resolveMoment(filters.period, options.now);
  const pageSize = options.pageSize ?? DRILL_PAGE_SIZE;
  const page = Math.max(1, drill.page);
  const rows = await readStatistics((db) =>
    queryAssignments(db, asOf, resolved.scope, slotFilter(filters, drill), {
      order: 'urgency',
      limit: pageSize,
      offset: (page - 1) * pageSize,
      live,
    }),
  );
  const total = rows[0]?.total ?? 0;
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    rows: rows.map(shapeRow),
    asOf,
    isNow: asOf.getTime() === now.getTime(),
    ...target,
  };
}

export type FilterOptions = {
  /** Whose numbers the user sees: a unit-scoped user has no use for the unit-kind filter. */
  scope: DashboardScopeKind;
  programmes: { id: number; title: string; archived: boolean }[];
  sections: { id: number; programmeId: number; label: string }[];
};

/** Programmes and sections for the filter form (titles only: nothing scoped). */
export async function getDashboardFilterOptions(filters: Pick<DashboardFilters, 'programme'>): Promise<FilterOptions> {
  const user = await requirePermission('work:read-own');
  const db = getDb();
  const [programmes, sections] = await Promise.all([
    db.programme.findMany({
      orderBy: [{ status: 'asc' }, { id: 'desc' }],
      select: { id: true, title: true, status: true },
    }),
    db.section.findMany({
      where: filters.programme !== undefined ? { programmeId: filters.programme } : {},
      orderBy: [{ programmeId: 'asc' }, { order: 'asc' }],
      take: 500,
      select: { id: true, programmeId: true, numeral: true, title: true },
    }),
  ]);
  return {
    scope: scopeOf(user).kind,
    programmes: programmes.map((p) => ({ id: p.id, title: p.title, archived: p.status === 'ARCHIVED' })),
    sections: sections.map((s) => ({ id: s.id, programmeId: s.programmeId, label: `${s.numeral}. ${s.title}` })),
  };
}
