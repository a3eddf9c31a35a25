import { TrendChart, type TrendDatum } from '@/components/charts/trend-chart';
import { getCompletionTrend, type TrendPoint } from '@/lib/data/dashboard';
import { loadPage } from '@/lib/page-helpers';
import type { DashboardFilters } from '@/lib/validation/dashboard';

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function toDatum(p: TrendPoint): TrendDatum {
  return {
    key: p.key,
    label: p.label,
    completion: pct(p.completionRate),
    onTime: pct(p.onTimeRate),
    total: p.counts.total,
    done: p.counts.DONE_ON_TIME + p.counts.DONE_LATE,
    overdue: p.counts.IN_PROGRESS_OVERDUE,
    DONE_ON_TIME: p.counts.DONE_ON_TIME,
    DONE_LATE: p.counts.DONE_LATE,
    IN_PROGRESS_ON_TIME: p.counts.IN_PROGRESS_ON_TIME,
    IN_PROGRESS_OVERDUE: p.counts.IN_PROGRESS_OVERDUE,
    NOT_STARTED: p.counts.NOT_STARTED,
  };
}

/** Completion at each monthly and quarterly cut-off (definition: lib/data/dashboard.ts, getCompletionTrend). */
export async function CompletionTrend({ filters }: { filters: DashboardFilters }) {
  const trend = await loadPage(getCompletionTrend(filters));
  return (
    <section aria-labelledby="trend" className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="trend" className="text-lg font-semibold">
        Xu hướng hoàn thành
      </h2>
      <p className="mt-1 text-xs text-slate-600">
        Mỗi điểm là tình hình tính đến hết ngày chốt số liệu của kỳ (ngày 14 hằng tháng; quý chốt ngày 14/3, 14/6, 14/9,
        14/12), chỉ tính những gì đã ghi nhận đến ngày đó.
      </p>
      <div className="mt-3">
        <TrendChart months={trend.months.map(toDatum)} quarters={trend.quarters.map(toDatum)} />
      </div>
    </section>
  );
}
