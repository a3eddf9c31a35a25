import Link from 'next/link';
import { listOverdueAssignments } from '@/lib/data/dashboard';
import { OVERDUE_SHOWN } from '@/lib/data/dashboard-shape';
import { loadPage } from '@/lib/page-helpers';
import type { DashboardFilters } from '@/lib/validation/dashboard';
import { AssignmentTable } from './assignment-table';
import { drillHref } from './links';

/** The overdue assignments, most overdue first, with the unit and the lead department. */
export async function OverdueList({ filters }: { filters: DashboardFilters }) {
  const { total, rows } = await loadPage(listOverdueAssignments(filters, { limit: OVERDUE_SHOWN }));
  return (
    <section aria-labelledby="overdue" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="overdue" className="text-lg font-semibold">
        Nhiệm vụ quá hạn (<span data-testid="overdue-total">{total}</span>)
      </h2>
      {total === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Không có nhiệm vụ nào quá hạn.</p>
      ) : (
        <>
          <div className="mt-3">
            <AssignmentTable rows={rows} variant="overdue" />
          </div>
          {total > rows.length ? (
            <p className="mt-2 text-sm">
              <Link href={drillHref(filters, { status: 'IN_PROGRESS_OVERDUE' })} className="font-medium underline">
                Xem tất cả {total} nhiệm vụ quá hạn
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
