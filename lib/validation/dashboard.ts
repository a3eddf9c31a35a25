/**
 * The dashboard's URL: filters and drill-down parameters live in the query string so that a view
 * can be shared and bookmarked. Every parameter is parsed on its own and a bad value falls back to
 * its default — a hand-edited or stale link shows the dashboard, never an error page.
 * Pure (no I/O): the page, the drill-down list and the export routes share it.
 */
import { z } from 'zod';
import { REFORM_AREA_LABELS, UNIT_KIND_LABELS } from '../domain/labels';
import { periodContaining, periodOfKey, previousPeriod, type Period, type Recurrence } from '../domain/periods';
import { OFFICIAL_STATUSES } from '../domain/status';
import { type IsoDate } from '../domain/time';
import { parseIdText } from './fields';

export const REFORM_AREAS = Object.keys(REFORM_AREA_LABELS) as (keyof typeof REFORM_AREA_LABELS)[];
/** Tasks without a reform area, as a filter value. */
export const NO_AREA = 'NONE';

export const UNIT_KIND_FILTERS = ['LOCAL', 'WARD', 'COMMUNE', 'DEPARTMENT'] as const;
export type UnitKindFilter = (typeof UNIT_KIND_FILTERS)[number];
export const UNIT_KIND_FILTER_LABELS: Record<UnitKindFilter, string> = {
  LOCAL: 'Phường và xã',
  WARD: UNIT_KIND_LABELS.WARD,
  COMMUNE: UNIT_KIND_LABELS.COMMUNE,
  DEPARTMENT: UNIT_KIND_LABELS.DEPARTMENT,
};

export const SORTS = ['rate', 'overdue'] as const;
export const SORT_LABELS: Record<(typeof SORTS)[number], string> = {
  rate: 'Tỷ lệ hoàn thành (cao đến thấp)',
  overdue: 'Số nhiệm vụ quá hạn (nhiều đến ít)',
};
export const HEAT_DIMENSIONS = ['section', 'area'] as const;

/** Drill-down by status: one official status, or the two halves of the headline. */
export const DRILL_STATUSES = [...OFFICIAL_STATUSES, 'DONE', 'OPEN'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

/** A database id as written in a URL: a plain positive 32-bit integer, nothing else. */
const IdParam = z.string().transform((v, ctx): number => {
  const n = parseIdText(v);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: 'Mã không hợp lệ.' });
    return z.NEVER;
  }
  return n;
});

const PeriodParam = z.string().refine((key) => periodOfKey(key) !== null);

export const DashboardFilters = z.object({
  programme: IdParam.optional().catch(undefined),
  section: IdParam.optional().catch(undefined),
  area: z
    .enum([...REFORM_AREAS, NO_AREA])
    .optional()
    .catch(undefined),
  period: PeriodParam.optional().catch(undefined),
  kind: z.enum(UNIT_KIND_FILTERS).optional().catch(undefined),
  sort: z.enum(SORTS).catch('rate'),
  heat: z.enum(HEAT_DIMENSIONS).catch('section'),
});
export type DashboardFilters = z.infer<typeof DashboardFilters>;

export const DrillParams = z.object({
  unit: IdParam.optional().catch(undefined),
  status: z.enum(DRILL_STATUSES).optional().catch(undefined),
  /** The lead department of the task. */
  lead: IdParam.optional().catch(undefined),
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/)
    .transform(Number)
    .catch(1)
    .default(1),
});
export type DrillParams = z.infer<typeof DrillParams>;

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** First value of each key (a repeated key keeps its first value); empty strings count as absent. */
function flatten(raw: RawParams): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const entries: [string, string | string[] | undefined][] =
    raw instanceof URLSearchParams ? [...raw.entries()] : Object.entries(raw);
  for (const [key, value] of entries) {
    if (key in out) continue;
    const first = Array.isArray(value) ? value[0] : value;
    out[key] = first === '' ? undefined : first;
  }
  return out;
}

/** Never throws: every unreadable parameter takes its default. */
export function parseDashboardParams(raw: RawParams): DashboardFilters {
  return DashboardFilters.parse(flatten(raw));
}

export function parseDrillParams(raw: RawParams): DrillParams {
  return DrillParams.parse(flatten(raw));
}

/** The query string of a view: only what differs from the defaults, in a stable order. */
export function dashboardQuery(
  filters: Partial<DashboardFilters> & Partial<Omit<DrillParams, 'page'>> & { page?: number },
): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | undefined, skip?: string) => {
    if (value !== undefined && String(value) !== skip) params.set(key, String(value));
  };
  put('programme', filters.programme);
  put('section', filters.section);
  put('area', filters.area);
  put('period', filters.period);
  put('kind', filters.kind);
  put('sort', filters.sort, 'rate');
  put('heat', filters.heat, 'section');
  put('unit', filters.unit);
  put('status', filters.status);
  put('lead', filters.lead);
  put('page', filters.page, '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filters that select data (not presentation), for links into the drill-down list and exports. */
export function dataFilters(
  filters: DashboardFilters,
): Pick<DashboardFilters, 'programme' | 'section' | 'area' | 'period' | 'kind'> {
  const { programme, section, area, period, kind } = filters;
  return { programme, section, area, period, kind };
}

export type PeriodOption = { key: string; label: string };

/**
 * The periods offered in the filter: the last 12 ended months, 4 quarters, 2 half-years and
 * 2 years before `today`. A valid key from a shared link that is not among them is offered too.
 */
export function periodOptions(today: IsoDate, selected?: string): PeriodOption[] {
  const options: PeriodOption[] = [];
  const counts: [Recurrence, number][] = [
    ['MONTHLY', 12],
    ['QUARTERLY', 4],
    ['HALF_YEARLY', 2],
    ['YEARLY', 2],
  ];
  for (const [recurrence, n] of counts) {
    let p: Period | null = previousPeriod(periodContaining(recurrence, today));
    for (let i = 0; p && i < n; i += 1, p = previousPeriod(p)) options.push({ key: p.key, label: p.label });
  }
  if (selected && !options.some((o) => o.key === selected)) {
    const p = periodOfKey(selected);
    if (p) options.unshift({ key: p.key, label: p.label });
  }
  return options;
}

/** "Tháng 11/2026" for a key, or null. */
export function periodLabelOf(key: string | undefined): string | null {
  return key ? (periodOfKey(key)?.label ?? null) : null;
}
