import type { Metadata } from 'next';
import { Heatmap } from '@/components/dashboard/heatmap';
import { DashboardPageTitle } from '@/components/dashboard/page-title';
import { Pager } from '@/components/dashboard/pager';
import { getHeatmapPage } from '@/lib/data/dashboard';
import { loadPage } from '@/lib/page-helpers';
import { dashboardQuery, parseDashboardParams, parseDrillParams } from '@/lib/validation/dashboard';

export const metadata: Metadata = { title: 'Bản đồ nhiệt' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The whole heatmap, a page of units at a time, in the dashboard's order: the dashboard shows the first rows (decision 031). */
export default async function HeatmapPage({ searchParams }: Props) {
  const raw = await searchParams;
  const filters = parseDashboardParams(raw);
  const { page } = parseDrillParams(raw);
  const list = await loadPage(getHeatmapPage(filters, page));
  const pager = (
    <div className="mt-3">
      <Pager
        page={list.page}
        pageCount={list.pageCount}
        href={(p) => `/dashboard/heatmap${dashboardQuery({ ...filters, page: p })}`}
      />
    </div>
  );
  return (
    <div className="space-y-4">
      <DashboardPageTitle
        filters={filters}
        title="Bản đồ nhiệt theo đơn vị"
        scope={{ testId: 'heatmap-scope', label: list.scopeLabel, total: list.total, asOf: list.asOf }}
      />
      <Heatmap heat={list.rows} filters={filters} pager={pager} />
    </div>
  );
}
