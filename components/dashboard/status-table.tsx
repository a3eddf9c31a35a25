import Link from 'next/link';
import { OFFICIAL_STATUSES, STATUS_LABELS } from '@/lib/domain/status';
import type { StatusBarDatum } from '@/components/charts/status-bar-chart';

/** The numbers of a status chart as a table: its text alternative, with the same drill-down links. */
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
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            <th scope="col" className="px-2 py-1.5">
              {firstHeader}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right">
              Tổng số
            </th>
            {OFFICIAL_STATUSES.map((s) => (
              <th key={s} scope="col" className="px-2 py-1.5 text-right">
                {STATUS_LABELS[s]}
              </th>
            ))}
            <th scope="col" className="px-2 py-1.5 text-right">
              Tỷ lệ hoàn thành
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="px-2 py-1.5 text-left font-medium">
                <Link href={r.href} className="hover:underline">
                  {r.name}
                </Link>
              </th>
              <td className="px-2 py-1.5 text-right tabular-nums">{r.total}</td>
              {OFFICIAL_STATUSES.map((s) => (
                <td key={s} className="px-2 py-1.5 text-right tabular-nums">
                  {r[s] > 0 ? (
                    <Link href={r.hrefs[s]} className="underline">
                      {r[s]}
                    </Link>
                  ) : (
                    0
                  )}
                </td>
              ))}
              <td className="px-2 py-1.5 text-right tabular-nums">{r.rateLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
