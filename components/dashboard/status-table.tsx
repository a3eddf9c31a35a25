import { OFFICIAL_STATUSES, STATUS_LABELS } from '@/lib/domain/status';
import type { StatusBarDatum } from '@/components/charts/status-chart-size';
import { statusHref } from '@/components/charts/status-href';

/**
 * The numbers of a status chart as a table: its text alternative, with the same drill-down links.
 * Plain links (no prefetch needed) and the cell styles set once on the table, not on every cell.
 */
export function StatusTable({
  rows,
  firstHeader,
  caption,
}: {
  rows: StatusBarDatum[];
  firstHeader: string;
  caption: string;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full text-sm [&_tbody_th]:text-left [&_tbody_th]:font-medium [&_tbody_th_a]:hover:underline [&_td]:px-2 [&_td]:py-1.5 [&_td]:text-right [&_td]:tabular-nums [&_td_a]:underline [&_th]:px-2 [&_th]:py-1.5 [&_thead_th]:text-right [&_thead_th:first-child]:text-left">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col">{firstHeader}</th>
            <th scope="col">Tổng số</th>
            {OFFICIAL_STATUSES.map((s) => (
              <th key={s} scope="col">
                {STATUS_LABELS[s]}
              </th>
            ))}
            <th scope="col">Tỷ lệ hoàn thành</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <a href={r.href}>{r.name}</a>
              </th>
              <td>{r.total}</td>
              {OFFICIAL_STATUSES.map((s) => (
                <td key={s}>{r[s] > 0 ? <a href={statusHref(r.href, s)}>{r[s]}</a> : 0}</td>
              ))}
              <td>{r.rateLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
