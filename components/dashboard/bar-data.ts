import type { StatusBarDatum } from '@/components/charts/status-chart-size';
import type { GroupStanding, UnitStanding } from '@/lib/data/dashboard';
import { OFFICIAL_STATUSES, type OfficialStatus } from '@/lib/domain/status';
import { formatRate } from '@/lib/exports/text';
import type { DashboardFilters } from '@/lib/validation/dashboard';
import { drillHref } from './links';

/** Small, ready-to-draw rows for the client chart: counts, the rate label and the row's drill-down link (a status part's link is built from it: components/charts/status-href.ts). */
export function unitBars(units: UnitStanding[], filters: DashboardFilters): StatusBarDatum[] {
  return units.map((u) => ({
    key: `u${u.unitId}`,
    name: u.name,
    total: u.counts.total,
    rateLabel: formatRate(u.completionRate),
    href: drillHref(filters, { unit: u.unitId }),
    ...pick(u.counts),
  }));
}

export function groupBars(groups: GroupStanding[], filters: DashboardFilters): StatusBarDatum[] {
  return groups.map((g) => ({
    key: g.key,
    name: g.title,
    total: g.counts.total,
    rateLabel: formatRate(g.completionRate),
    href: drillHref(filters, g.filter),
    ...pick(g.counts),
  }));
}

function pick(counts: Record<OfficialStatus, number>): Record<OfficialStatus, number> {
  return Object.fromEntries(OFFICIAL_STATUSES.map((s) => [s, counts[s]])) as Record<OfficialStatus, number>;
}
