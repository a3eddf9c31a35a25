import { dashboardQuery, dataFilters, type DashboardFilters, type DrillStatus } from '@/lib/validation/dashboard';

/** Where a bar, a cell or a row leads: the assignments behind it, with the dashboard's filters kept. */
export function drillHref(
  filters: DashboardFilters,
  extra: { unit?: number; status?: DrillStatus; section?: number; area?: string; lead?: number } = {},
): string {
  const { area, ...rest } = extra;
  return `/dashboard/assignments${dashboardQuery({ ...dataFilters(filters), ...rest, ...(area !== undefined ? { area: area as DashboardFilters['area'] } : {}) })}`;
}

/** The dashboard with some filters changed. */
export function dashboardHref(filters: DashboardFilters, overrides: Partial<DashboardFilters> = {}): string {
  return `/dashboard${dashboardQuery({ ...filters, ...overrides })}`;
}

export function exportHref(kind: 'xlsx' | 'docx', filters: DashboardFilters): string {
  return `/api/exports/${kind}${dashboardQuery(dataFilters(filters))}`;
}
