'use client';

import { StatusTable } from '@/components/dashboard/status-table';
import { LazyDetails } from './lazy-details';
import { StatusChart } from './status-chart';
import type { StatusBarDatum } from './status-chart-size';

/**
 * A status chart and, collapsed under it, the same rows as a table, drawn on demand from the data the
 * chart already received (so the page's first HTML carries the rows once).
 */
export function StatusFigure({
  rows,
  total,
  chartRows,
  tableRows,
  title,
  firstHeader,
}: {
  /** The rows drawn (at most max(chartRows, tableRows)); `total` counts them all. */
  rows: StatusBarDatum[];
  total: number;
  chartRows: number;
  tableRows: number;
  title: string;
  firstHeader: string;
}) {
  return (
    <>
      <div className="mt-3">
        <StatusChart data={rows.slice(0, chartRows)} label={title} />
      </div>
      {total > chartRows ? (
        <p className="mt-1 text-xs text-slate-600">
          Biểu đồ hiển thị {chartRows}/{total} dòng đầu theo thứ tự đang chọn; bảng số liệu và tệp Excel có đủ.
        </p>
      ) : null}
      <LazyDetails summary={`Xem bảng số liệu (${title.toLocaleLowerCase('vi')})`}>
        {() => (
          <>
            <StatusTable rows={rows.slice(0, tableRows)} firstHeader={firstHeader} caption={title} />
            {total > tableRows ? (
              <p className="mt-1 text-xs text-slate-600">
                Bảng hiển thị {tableRows}/{total} dòng; tải tệp Excel để xem đủ.
              </p>
            ) : null}
          </>
        )}
      </LazyDetails>
    </>
  );
}
