import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DrillList, DrillTitle } from '@/components/dashboard/drill';
import { BlockSkeleton } from '@/components/dashboard/skeletons';
import { getDrillTarget } from '@/lib/data/dashboard';
import { loadPage } from '@/lib/page-helpers';
import { dashboardQuery, parseDashboardParams, parseDrillParams } from '@/lib/validation/dashboard';

export const metadata: Metadata = { title: 'Danh sách nhiệm vụ' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The assignments behind a bar, a cell or a row of the dashboard. What the link names is checked
 * before anything streams, so another unit's list is a real 404 for an officer; the list itself
 * then loads behind a skeleton.
 */
export default async function DashboardAssignmentsPage({ searchParams }: Props) {
  const raw = await searchParams;
  const filters = parseDashboardParams(raw);
  const drill = parseDrillParams(raw);
  const target = await loadPage(getDrillTarget(drill));
  return (
    <div className="space-y-4">
      <DrillTitle filters={filters} unitName={target.unitName} />
      <Suspense
        key={dashboardQuery({ ...filters, ...drill })}
        fallback={<BlockSkeleton label="danh sách nhiệm vụ" className="h-96" />}
      >
        <DrillList filters={filters} drill={drill} />
      </Suspense>
    </div>
  );
}
