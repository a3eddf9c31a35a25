import Link from 'next/link';
import { formatDateTimeVn } from '@/lib/domain/time';
import type { DashboardFilters } from '@/lib/validation/dashboard';
import { dashboardHref } from './links';

/**
 * The top of a page opened from the dashboard (drill-down, whole ranking, whole heatmap): the way
 * back with the same filters, the title, and — for the paged lists — what they cover and as of when.
 */
export function DashboardPageTitle({
  filters,
  title,
  scope,
}: {
  filters: DashboardFilters;
  title: string;
  scope?: { testId: string; label: string; total: number; asOf: Date };
}) {
  return (
    <div className="space-y-2">
      <p className="text-sm print:hidden">
        <Link href={dashboardHref(filters)} className="underline">
          ← Bảng điều khiển
        </Link>
      </p>
      <h1 className="text-xl font-bold sm:text-2xl">{title}</h1>
      {scope ? (
        <p className="text-sm text-slate-600" data-testid={scope.testId}>
          Phạm vi: {scope.label} · {scope.total} đơn vị · Số liệu tính đến {formatDateTimeVn(scope.asOf)}
        </p>
      ) : null}
    </div>
  );
}
