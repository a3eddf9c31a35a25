import { TrendChart, type TrendDatum } from '@/components/charts/trend-chart';
import { getCompletionTrend, type TrendPoint } from '@/lib/data/dashboard';
import { formatRate } from '@/lib/exports/text';
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
  };
}

function TrendTable({ points, caption }: { points: TrendPoint[]; caption: string }) {
  return (
    <table className="min-w-full text-sm">
      <caption className="py-1 text-left text-sm font-medium">{caption}</caption>
      <thead className="bg-slate-50 text-left">
        <tr>
          <th scope="col" className="px-2 py-1">
            Kỳ (tính đến)
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            Tổng số
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            Đã hoàn thành
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            Tỷ lệ hoàn thành
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            Hoàn thành đúng hạn
          </th>
          <th scope="col" className="px-2 py-1 text-right">
            Quá hạn
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {points.map((p) => (
          <tr key={p.key}>
            <th scope="row" className="px-2 py-1 text-left font-medium">
              {p.label}
            </th>
            <td className="px-2 py-1 text-right tabular-nums">{p.counts.total}</td>
            <td className="px-2 py-1 text-right tabular-nums">{p.counts.DONE_ON_TIME + p.counts.DONE_LATE}</td>
            <td className="px-2 py-1 text-right tabular-nums">{formatRate(p.completionRate)}</td>
            <td className="px-2 py-1 text-right tabular-nums">{formatRate(p.onTimeRate)}</td>
            <td className="px-2 py-1 text-right tabular-nums">{p.counts.IN_PROGRESS_OVERDUE}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
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
      <details className="mt-3 print:hidden">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Xem bảng số liệu (xu hướng)</summary>
        <div className="mt-2 space-y-4 overflow-x-auto">
          <TrendTable points={trend.months} caption="Theo tháng" />
          <TrendTable points={trend.quarters} caption="Theo quý" />
        </div>
      </details>
    </section>
  );
}
