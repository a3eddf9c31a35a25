import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FilterBar } from '@/components/dashboard/filter-bar';
import { OverdueList } from '@/components/dashboard/overdue';
import { DashboardOverview } from '@/components/dashboard/overview';
import { BlockSkeleton, DashboardSkeleton } from '@/components/dashboard/skeletons';
import { CompletionTrend } from '@/components/dashboard/trend';
import { TargetsPanel } from '@/components/targets/targets-panel';
import { SafeSection } from '@/components/ui/safe-section';
import { dashboardQuery, parseDashboardParams } from '@/lib/validation/dashboard';

export const metadata: Metadata = { title: 'Bảng điều khiển' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The chairman's dashboard (a department's or a unit's for other roles): every section authorizes in the data layer. */
export default async function DashboardPage({ searchParams }: Props) {
  const filters = parseDashboardParams(await searchParams);
  // A new key per view shows the skeletons again while a changed filter loads.
  const view = dashboardQuery(filters);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-bold sm:text-2xl">Bảng điều khiển</h1>
      <Suspense fallback={<BlockSkeleton label="bộ lọc" className="h-28" />}>
        <FilterBar filters={filters} action="/dashboard" />
      </Suspense>
      <Suspense key={`o${view}`} fallback={<DashboardSkeleton />}>
        <SafeSection label="tổng hợp và biểu đồ" render={() => DashboardOverview({ filters })} />
      </Suspense>
      <Suspense key={`t${view}`} fallback={<BlockSkeleton label="xu hướng hoàn thành" className="h-72" />}>
        <SafeSection label="xu hướng hoàn thành" render={() => CompletionTrend({ filters })} />
      </Suspense>
      <Suspense key={`c${view}`} fallback={<BlockSkeleton label="chỉ tiêu" className="h-48" />}>
        <SafeSection label="chỉ tiêu" render={() => TargetsPanel({ filters })} />
      </Suspense>
      <Suspense key={`q${view}`} fallback={<BlockSkeleton label="danh sách quá hạn" className="h-48" />}>
        <SafeSection label="danh sách quá hạn" render={() => OverdueList({ filters })} />
      </Suspense>
    </div>
  );
}
