import type { Metadata } from 'next';
import Link from 'next/link';
import { Heatmap } from '@/components/dashboard/heatmap';
import { dashboardHref } from '@/components/dashboard/links';
import { Pager } from '@/components/dashboard/pager';
import { getHeatmapPage } from '@/lib/data/dashboard';
import { formatDateTimeVn } from '@/lib/domain/time';
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
      <p className="text-sm print:hidden">
        <Link href={dashboardHref(filters)} className="underline">
          ← Bảng điều khiển
        </Link>
      </p>
      <h1 className="text-xl font-bold sm:text-2xl">Bản đồ nhiệt theo đơn vị</h1>
      <p className="text-sm text-slate-600" data-testid="heatmap-scope">
        Phạm vi: {list.scopeLabel} · {list.total} đơn vị · Số liệu tính đến {formatDateTimeVn(list.asOf)}
      </p>
      <Heatmap heat={list.rows} filters={filters} pager={pager} />
    </div>
  );
}
