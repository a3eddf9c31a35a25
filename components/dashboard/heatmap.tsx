import type { Heatmap as HeatmapData, HeatCell } from '@/lib/data/dashboard';
import { formatRate } from '@/lib/exports/text';
import Link from 'next/link';
import { dashboardQuery, type DashboardFilters } from '@/lib/validation/dashboard';
import { drillHref } from './links';

/** Completion-rate bands: the colour repeats what the printed percentage already says. */
const BANDS: { below: number; className: string; label: string }[] = [
  { below: 0.2, className: 'bg-red-200 text-red-950', label: 'dưới 20%' },
  { below: 0.4, className: 'bg-orange-200 text-orange-950', label: '20–40%' },
  { below: 0.6, className: 'bg-amber-100 text-amber-950', label: '40–60%' },
  { below: 0.8, className: 'bg-lime-200 text-lime-950', label: '60–80%' },
  { below: Infinity, className: 'bg-green-300 text-green-950', label: 'từ 80%' },
];

/** A column's full name under its short label, without repeating the numeral the label already shows ("I: I. Về …"). */
function legendTitle(column: { label: string; title: string }): string {
  const numeral = column.label.split(' ')[0]!;
  return column.title.startsWith(`${numeral}. `) ? column.title.slice(numeral.length + 2) : column.title;
}

function band(cell: HeatCell): string {
  return BANDS.find((b) => cell.rate < b.below)!.className;
}

/**
 * Units × sections (or × reform areas): each cell the completion rate and "done/total", linking to
 * its assignments. On the dashboard, the first HEAT_ROWS units and a link to the rest; on
 * /dashboard/heatmap (`pager` given), one page of them (decision 031).
 */
export function Heatmap({
  heat,
  filters,
  pager,
}: {
  heat: HeatmapData;
  filters: DashboardFilters;
  pager?: React.ReactNode;
}) {
  const rows = heat.rows;
  const base = pager ? '/dashboard/heatmap' : '/dashboard';
  const viewHref = (dimension: DashboardFilters['heat']) => `${base}${dashboardQuery({ ...filters, heat: dimension })}`;
  return (
    <section aria-labelledby="heatmap" className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="heatmap" className="text-lg font-semibold">
          Bản đồ nhiệt: đơn vị × {heat.dimension === 'section' ? 'mục của chương trình' : 'lĩnh vực cải cách'}
        </h2>
        <p className="text-sm print:hidden">
          Xem theo:{' '}
          {heat.dimension === 'section' ? (
            <>
              <strong>Mục</strong> ·{' '}
              <a href={viewHref('area')} className="underline">
                Lĩnh vực
              </a>
            </>
          ) : (
            <>
              <a href={viewHref('section')} className="underline">
                Mục
              </a>{' '}
              · <strong>Lĩnh vực</strong>
            </>
          )}
        </p>
      </div>
      {heat.columns.length === 0 || rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Không có nhiệm vụ nào theo bộ lọc này.</p>
      ) : (
        <div className="relative mt-3 overflow-x-auto">
          <table
            className="border-separate border-spacing-0.5 text-xs [&_td]:px-1 [&_td]:py-1 [&_td]:text-center [&_td_a]:block [&_td_a]:hover:underline [&_td_b]:block [&_td_b]:font-semibold"
            data-testid="heatmap"
          >
            <thead>
              <tr>
                <th scope="col" className="sticky left-0 bg-white px-2 py-1 text-left">
                  Đơn vị
                </th>
                {heat.columns.map((c) => (
                  <th key={c.key} scope="col" title={c.title} className="min-w-16 px-1 py-1 text-center font-semibold">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.unitId}>
                  <th scope="row" className="sticky left-0 bg-white px-2 py-1 text-left font-medium whitespace-nowrap">
                    {r.name}
                  </th>
                  {r.cells.map((cell, i) => {
                    const column = heat.columns[i]!;
                    if (!cell)
                      return (
                        <td key={column.key} className="bg-slate-50 text-slate-500">
                          <span aria-hidden>—</span>
                          <span className="sr-only">không có nhiệm vụ</span>
                        </td>
                      );
                    return (
                      <td key={column.key} className={band(cell)}>
                        {/* The link's name is its text; its row and column headers say which unit and section (WCAG 2.4.4 in context). */}
                        <a href={drillHref(filters, { unit: r.unitId, ...column.filter })}>
                          <b>{formatRate(cell.rate)}</b> {cell.done}/{cell.total}
                          {cell.overdue ? ` · ${cell.overdue} QH` : ''}
                        </a>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {pager ??
            (heat.totalUnits > rows.length ? (
              <p className="mt-1 text-xs text-slate-600">
                Hiển thị {rows.length}/{heat.totalUnits} đơn vị đầu theo thứ tự đang chọn.{' '}
                <Link
                  href={`/dashboard/heatmap${dashboardQuery(filters)}`}
                  className="font-medium underline print:hidden"
                >
                  Xem toàn bộ bản đồ nhiệt ({heat.totalUnits} đơn vị)
                </Link>
              </p>
            ) : null)}
          <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-700">
            Tỷ lệ hoàn thành:
            {BANDS.map((b) => (
              <span key={b.label} className={`rounded px-1.5 py-0.5 ${b.className}`}>
                {b.label}
              </span>
            ))}
            <span>· “QH”: số nhiệm vụ quá hạn</span>
          </p>
          <ul className="mt-2 space-y-0.5 text-xs text-slate-600">
            {heat.columns.map((c) => (
              <li key={c.key}>
                <strong>{c.label}</strong>: {legendTitle(c)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
