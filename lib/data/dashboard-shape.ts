/**
 * Turning the small results of lib/data/dashboard-sql.ts into what the dashboard draws: standings,
 * rankings, heatmap cells, trend points, list rows. Pure (no I/O, no authorization): the data
 * functions of lib/data/dashboard.ts call it after their queries, and the benchmark calls it after
 * the same queries.
 *
 * Rates: completion rate = done (on time + late) / total; on-time rate = done on time / total.
 * Both are null when there is nothing to count.
 */
import { REFORM_AREA_LABELS } from '../domain/labels';
import { isRecurrence, lastCutoffs, periodContaining, type Recurrence } from '../domain/periods';
import { periodLabel as slotPeriodLabel } from '../domain/slot';
import type { OfficialStatus } from '../domain/status';
import { endOfDayVn, fromDbDate, type IsoDate } from '../domain/time';
import type { DashboardFilters } from '../validation/dashboard';
import type { AggregateRow, AssignmentRow, CountRow, HeatRow, StatusCounts } from './dashboard-rows';

export type DashboardScopeKind = 'CITY' | 'DEPARTMENT' | 'UNIT';

export function emptyCounts(): StatusCounts {
  return { total: 0, DONE_ON_TIME: 0, DONE_LATE: 0, IN_PROGRESS_ON_TIME: 0, IN_PROGRESS_OVERDUE: 0, NOT_STARTED: 0 };
}

export function countsOf(row: CountRow): StatusCounts {
  const counts: StatusCounts = {
    DONE_ON_TIME: row.done_on_time,
    DONE_LATE: row.done_late,
    IN_PROGRESS_ON_TIME: row.on_time,
    IN_PROGRESS_OVERDUE: row.overdue,
    NOT_STARTED: row.not_started,
    total: 0,
  };
  counts.total =
    counts.DONE_ON_TIME +
    counts.DONE_LATE +
    counts.IN_PROGRESS_ON_TIME +
    counts.IN_PROGRESS_OVERDUE +
    counts.NOT_STARTED;
  return counts;
}

export type Rates = { completionRate: number | null; onTimeRate: number | null };

export function ratesOf(counts: StatusCounts): Rates {
  if (counts.total === 0) return { completionRate: null, onTimeRate: null };
  return {
    completionRate: (counts.DONE_ON_TIME + counts.DONE_LATE) / counts.total,
    onTimeRate: counts.DONE_ON_TIME / counts.total,
  };
}

export type UnitStanding = Rates & {
  unitId: number;
  name: string;
  kind: string;
  /** Set for a unit that has ended (merged, split): its history is still shown until then. */
  validTo: IsoDate | null;
  counts: StatusCounts;
  pending: number;
  /** 1 = best: by completion rate, then on-time rate, then fewest overdue, then name. */
  rank: number;
};

export type GroupStanding = Rates & {
  key: string;
  /** Short label for axes and column heads ("I", "TTHC"). */
  label: string;
  /** Full title. */
  title: string;
  counts: StatusCounts;
  pending: number;
  /** What to add to the filters to see this group. */
  filter: { section?: number; area?: string };
};

export type HeatCell = { counts: StatusCounts; done: number; total: number; rate: number; overdue: number };

export type Heatmap = {
  dimension: 'section' | 'area';
  /** Units in the dashboard; `rows` may hold only the first of them. */
  totalUnits: number;
  columns: Pick<GroupStanding, 'key' | 'label' | 'title' | 'filter'>[];
  rows: { unitId: number; name: string; cells: (HeatCell | null)[] }[];
};

export type Dashboard = Rates & {
  scope: DashboardScopeKind;
  scopeLabel: string;
  asOf: Date;
  /** False when a period is chosen whose cut-off has passed. */
  isNow: boolean;
  periodLabel: string | null;
  headline: StatusCounts;
  /** Distinct tasks behind the headline's assignments (a task given to 20 units is 20 assignments). */
  taskCount: number;
  pending: number;
  units: UnitStanding[];
  sections: GroupStanding[];
  areas: GroupStanding[];
  heat: Heatmap;
};

export const AREA_SHORT_LABELS: Record<string, string> = {
  INSTITUTIONS: 'Thể chế',
  ADMIN_PROCEDURES: 'Thủ tục hành chính',
  ORGANISATION: 'Tổ chức bộ máy',
  CIVIL_SERVICE: 'Chế độ công vụ',
  PUBLIC_FINANCE: 'Tài chính công',
  DIGITAL_GOVERNMENT: 'Chính phủ điện tử, số',
  NONE: 'Chưa phân loại',
};

const AREA_ORDER = [...Object.keys(REFORM_AREA_LABELS), 'NONE'];

function areaTitle(area: string): string {
  return (REFORM_AREA_LABELS as Record<string, string>)[area] ?? 'Chưa phân loại lĩnh vực';
}

const collator = new Intl.Collator('vi');

/** Ranking order: completion rate, on-time rate, fewest overdue, name. */
function byStanding(a: UnitStanding, b: UnitStanding): number {
  return (
    (b.completionRate ?? -1) - (a.completionRate ?? -1) ||
    (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
    a.counts.IN_PROGRESS_OVERDUE - b.counts.IN_PROGRESS_OVERDUE ||
    collator.compare(a.name, b.name)
  );
}

function sectionKey(row: AggregateRow): string {
  return `s${row.section_id}`;
}

/**
 * Heatmap rows the dashboard shows (the first units in the chosen order; the Word report asks for
 * all): the first screen, so the national dashboard stays light; the rest is paged at
 * /dashboard/heatmap (HEAT_PAGE rows a page). Decisions 028 and 031.
 */
export const HEAT_ROWS = 10;
export const HEAT_PAGE = 25;

/**
 * Beyond RANKING_TOP + RANKING_BOTTOM units the dashboard shows the head and the tail of the
 * ranking; the whole ranking is paged at /dashboard/ranking (RANKING_PAGE units a page). Decisions 028 and 031.
 */
export const RANKING_TOP = 10;
export const RANKING_BOTTOM = 5;
export const RANKING_PAGE = 50;

/** The overdue assignments listed on the dashboard (most overdue first); the drill-down pages them all (decision 028; kept at 10 by 031: fewer hid that the list spans several plans). */
export const OVERDUE_SHOWN = 10;

/** Page `page` (from 1, clamped to the last) of `total` rows at `size` a page: where it starts and how many pages there are (at least one). */
export function pageWindow(
  total: number,
  page: number,
  size: number,
): { page: number; pageCount: number; offset: number } {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const clamped = Math.min(Math.max(1, Math.floor(page)), pageCount);
  return { page: clamped, pageCount, offset: (clamped - 1) * size };
}

/**
 * The rows of the ranking the page shows: every unit in rank order, or, beyond `top + bottom`
 * units, the first `top` and the last `bottom` — the best and the worst a chairman acts on; the
 * middle is named by a count and the Excel file has it. `units` may be in either sort order.
 */
export function rankingRows(
  units: UnitStanding[],
  top = RANKING_TOP,
  bottom = RANKING_BOTTOM,
): { rows: UnitStanding[]; total: number; left: number } {
  // getDashboard's units are already in rank order unless sorted by overdue: check before sorting 10,000.
  const inOrder = units.every((u, i) => u.rank === i + 1);
  const ranked = inOrder ? units : [...units].sort((a, b) => a.rank - b.rank);
  if (ranked.length <= top + bottom) return { rows: ranked, total: ranked.length, left: 0 };
  return {
    rows: [...ranked.slice(0, top), ...ranked.slice(ranked.length - bottom)],
    total: ranked.length,
    left: ranked.length - top - bottom,
  };
}

export function shapeAggregates(
  rows: AggregateRow[],
  filters: Pick<DashboardFilters, 'sort'>,
): Pick<Dashboard, 'headline' | 'pending' | 'units' | 'sections' | 'areas'> {
  const all = rows.find((r) => r.set === 'all');
  const headline = all ? countsOf(all) : emptyCounts();

  const units: UnitStanding[] = rows
    .filter((r) => r.set === 'unit' && r.unit_id !== null)
    .map((r) => {
      const counts = countsOf(r);
      return {
        unitId: r.unit_id!,
        name: r.unit_name ?? '',
        kind: r.unit_kind ?? '',
        validTo: r.unit_valid_to ? fromDbDate(r.unit_valid_to) : null,
        counts,
        pending: r.pending,
        rank: 0,
        ...ratesOf(counts),
      };
    })
    .sort(byStanding);
  units.forEach((u, i) => (u.rank = i + 1));
  if (filters.sort === 'overdue') {
    units.sort((a, b) => b.counts.IN_PROGRESS_OVERDUE - a.counts.IN_PROGRESS_OVERDUE || a.rank - b.rank);
  }

  const sectionRows = rows
    .filter((r) => r.set === 'section' && r.section_id !== null)
    .sort((a, b) => (a.programme_id ?? 0) - (b.programme_id ?? 0) || (a.section_order ?? 0) - (b.section_order ?? 0));
  const programmeIds = [...new Set(sectionRows.map((r) => r.programme_id))];
  const manyProgrammes = programmeIds.length > 1;
  const sections: GroupStanding[] = sectionRows.map((r) => {
    const counts = countsOf(r);
    return {
      key: sectionKey(r),
      label: manyProgrammes
        ? sectionLabel(r.section_numeral ?? '', r.programme_document_number, programmeIds.indexOf(r.programme_id) + 1)
        : (r.section_numeral ?? ''),
      title: `${r.section_numeral}. ${r.section_title}${manyProgrammes ? ` — ${r.programme_title}` : ''}`,
      counts,
      pending: r.pending,
      filter: { section: r.section_id! },
      ...ratesOf(counts),
    };
  });

  const areas: GroupStanding[] = rows
    .filter((r) => r.set === 'area')
    .map((r) => {
      const area = r.reform_area ?? 'NONE';
      const counts = countsOf(r);
      return {
        key: `a${area}`,
        label: AREA_SHORT_LABELS[area] ?? area,
        title: areaTitle(area),
        counts,
        pending: r.pending,
        filter: { area },
        ...ratesOf(counts),
      };
    })
    .sort((a, b) => AREA_ORDER.indexOf(a.filter.area!) - AREA_ORDER.indexOf(b.filter.area!));

  return { headline, pending: all?.pending ?? 0, units, sections, areas };
}

/**
 * A section's short label when sections of several programmes are shown together: its numeral and
 * the programme's document number ("I (76/KH-UBND)"), or the programme's place in the list
 * ("I (CT 2)", in the order of the legend) when it has none — never a database id.
 */
export function sectionLabel(numeral: string, documentNumber: string | null, position: number): string {
  return `${numeral} (${documentNumber?.trim() || `CT ${position}`})`;
}

/** The heatmap: rows for `units` (in their order), one column per section or reform area. */
export function shapeHeat(
  rows: HeatRow[],
  dimension: 'section' | 'area',
  columnsFrom: Pick<Dashboard, 'sections' | 'areas'>,
  units: Pick<UnitStanding, 'unitId' | 'name'>[],
  totalUnits: number,
): Heatmap {
  const columns = (dimension === 'section' ? columnsFrom.sections : columnsFrom.areas).map(
    ({ key, label, title, filter }) => ({ key, label, title, filter }),
  );
  const cells = new Map<string, HeatCell>();
  for (const r of rows) {
    const key = dimension === 'section' ? `s${r.section_id}` : `a${r.reform_area ?? 'NONE'}`;
    const counts = countsOf(r);
    const done = counts.DONE_ON_TIME + counts.DONE_LATE;
    cells.set(`${r.unit_id}|${key}`, {
      counts,
      done,
      total: counts.total,
      rate: counts.total ? done / counts.total : 0,
      overdue: counts.IN_PROGRESS_OVERDUE,
    });
  }
  return {
    dimension,
    columns,
    totalUnits,
    rows: units.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      cells: columns.map((c) => cells.get(`${u.unitId}|${c.key}`) ?? null),
    })),
  };
}

export type DrillRow = {
  assignmentId: number;
  status: OfficialStatus;
  dueDate: IsoDate | null;
  completedAt: Date | null;
  daysOverdue: number | null;
  /** A recurring task's periods owed without a completed report (decision 008): how many, from which. */
  missedPeriods: { count: number; firstLabel: string } | null;
  unitId: number;
  unitName: string;
  /** The unit the assignment was given to, when it has since merged into `unitName`. */
  formerUnitName: string | null;
  role: 'LEAD' | 'COORDINATING' | 'IMPLEMENTING';
  taskCode: string;
  taskTitle: string;
  recurrence: Recurrence;
  programmeTitle: string;
  programmeDocumentNumber: string | null;
  leadUnitName: string | null;
  lastReport: {
    id: number;
    periodLabel: string;
    status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED';
    submittedAt: Date | null;
    reviewedAt: Date | null;
    reviewerName: string | null;
  } | null;
};

export function shapeRow(r: AssignmentRow): DrillRow {
  const recurrence = r.recurrence as Recurrence;
  return {
    assignmentId: r.assignment_id,
    status: r.status,
    dueDate: r.due ? fromDbDate(r.due) : null,
    completedAt: r.completed,
    daysOverdue: r.days_overdue,
    missedPeriods:
      r.missed_periods &&
      r.missed_periods > 0 &&
      r.due &&
      isRecurrence(recurrence) &&
      recurrence !== 'ONCE' &&
      recurrence !== 'CONTINUOUS'
        ? { count: r.missed_periods, firstLabel: periodContaining(recurrence, fromDbDate(r.due)).label }
        : null,
    unitId: r.report_unit_id,
    unitName: r.report_unit_name,
    formerUnitName: r.own_unit_name !== r.report_unit_name ? r.own_unit_name : null,
    role: r.role as DrillRow['role'],
    taskCode: `${r.section_numeral}.${r.task_number}`,
    taskTitle: r.task_title,
    recurrence,
    programmeTitle: r.programme_title,
    programmeDocumentNumber: r.programme_document_number,
    leadUnitName: r.lead_unit_name,
    lastReport:
      r.report_id === null
        ? null
        : {
            id: r.report_id,
            periodLabel: slotPeriodLabel(recurrence, r.report_period_key ?? ''),
            status: r.report_status as NonNullable<DrillRow['lastReport']>['status'],
            submittedAt: r.report_submitted_at,
            reviewedAt: r.report_reviewed_at,
            reviewerName: r.reviewer_name,
          },
  };
}

export type TrendPoint = Rates & { key: string; label: string; asOf: Date; counts: StatusCounts };
export type Trend = { months: TrendPoint[]; quarters: TrendPoint[] };

export type TrendPlan = {
  /** The distinct moments to compute, for one query. */
  moments: Date[];
  months: { key: string; label: string; index: number }[];
  quarters: { key: string; label: string; index: number }[];
};

/**
 * The moments of the trend up to `asOf`: the last 12 monthly and 8 quarterly cut-offs (the last
 * instant of the 14th in Vietnam; a quarter's cut-off is also a month's), and `asOf` itself as
 * "Đến nay" when it is not a cut-off.
 */
export function trendPlan(asOf: Date): TrendPlan {
  const cutoffAt = (end: IsoDate) => new Date(endOfDayVn(end).getTime() - 1);
  const monthPeriods = lastCutoffs('MONTHLY', asOf, 12);
  const last = monthPeriods.at(-1);
  const wanted = [
    ...monthPeriods.map((p) => ({
      list: 'months' as const,
      key: p.key,
      label: `${p.key.slice(5)}/${p.key.slice(0, 4)}`,
      at: cutoffAt(p.end),
    })),
    ...(!last || cutoffAt(last.end).getTime() !== asOf.getTime()
      ? [{ list: 'months' as const, key: 'now', label: 'Đến nay', at: asOf }]
      : []),
    ...lastCutoffs('QUARTERLY', asOf, 8).map((p) => ({
      list: 'quarters' as const,
      key: p.key,
      label: p.label.replace('Quý ', 'Q'),
      at: cutoffAt(p.end),
    })),
  ];
  // Distinct instants in time order: the counting query needs them sorted (a quarter's cut-off is also a month's).
  const moments = [...new Set(wanted.map((w) => w.at.getTime()))].sort((a, b) => a - b).map((t) => new Date(t));
  const index = (at: Date) => moments.findIndex((m) => m.getTime() === at.getTime());
  const pick = (list: 'months' | 'quarters') =>
    wanted.filter((w) => w.list === list).map(({ key, label, at }) => ({ key, label, index: index(at) }));
  return { moments, months: pick('months'), quarters: pick('quarters') };
}

export function shapeTrend(plan: TrendPlan, rows: (CountRow & { moment: number })[]): Trend {
  const byMoment = new Map(rows.map((r) => [r.moment, countsOf(r)]));
  const point = ({ key, label, index }: { key: string; label: string; index: number }): TrendPoint => {
    const counts = byMoment.get(index) ?? emptyCounts();
    return { key, label, asOf: plan.moments[index]!, counts, ...ratesOf(counts) };
  };
  return { months: plan.months.map(point), quarters: plan.quarters.map(point) };
}
