import type { Metadata } from 'next';
import { DashboardPageTitle } from '@/components/dashboard/page-title';
import { Pager } from '@/components/dashboard/pager';
import { RankingRows } from '@/components/dashboard/ranking-table';
import { getRankingPage } from '@/lib/data/dashboard';
import { loadPage } from '@/lib/page-helpers';
import { dashboardQuery, parseDashboardParams, parseDrillParams } from '@/lib/validation/dashboard';

export const metadata: Metadata = { title: 'Bảng xếp hạng đơn vị' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The whole ranking, a page at a time: the dashboard shows only its head and tail (decision 031). */
export default async function RankingPage({ searchParams }: Props) {
  const raw = await searchParams;
  const filters = parseDashboardParams(raw);
  const { page } = parseDrillParams(raw);
  const list = await loadPage(getRankingPage(filters, page));
  return (
    <div className="space-y-4">
      <DashboardPageTitle
        filters={filters}
        title="Bảng xếp hạng đơn vị"
        scope={{ testId: 'ranking-scope', label: list.scopeLabel, total: list.total, asOf: list.asOf }}
      />
      <section aria-label="Bảng xếp hạng" className="rounded-lg border border-slate-200 bg-white p-4">
        <RankingRows rows={list.rows} filters={filters} />
      </section>
      <Pager
        page={list.page}
        pageCount={list.pageCount}
        href={(p) => `/dashboard/ranking${dashboardQuery({ ...filters, page: p })}`}
      />
    </div>
  );
}
