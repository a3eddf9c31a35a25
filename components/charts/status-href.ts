import type { OfficialStatus } from '@/lib/domain/status';

/**
 * The drill-down link of one status part of a bar or table row, built in the browser from the row's
 * own link: the server sends one link per row instead of six (issue 8: the national dashboard's
 * weight). Equal to `drillHref(filters, { ...row, status })` of components/dashboard/links.ts,
 * because `status` is the last parameter a bar's link can carry (lib/validation/dashboard.ts,
 * dashboardQuery); tests/integration/dashboard-trim.test.ts checks it for every bar and status.
 */
export function statusHref(href: string, status: OfficialStatus): string {
  return `${href}${href.includes('?') ? '&' : '?'}status=${status}`;
}
