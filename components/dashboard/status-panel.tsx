import type { StatusBarDatum } from '@/components/charts/status-bar-chart';
import { StatusBarChart } from '@/components/charts/status-bar-chart';
import { StatusTable } from './status-table';

/** Bars drawn at most: beyond this a chart stops being readable; the table and the exports have all rows. */
const CHART_ROWS = 40;
/** Rows in the table alternative on the page: the rows the chart draws (the page stays light at national scale; the drill-down and Excel have all). */
const TABLE_ROWS = CHART_ROWS;

/** A stacked status chart with its heading, its table alternative and an honest note when rows were left out. */
export function StatusPanel({
  id,
  title,
  rows,
  firstHeader,
  note,
}: {
  id: string;
  title: string;
  rows: StatusBarDatum[];
  firstHeader: string;
  note?: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {note}
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Không có nhiệm vụ nào theo bộ lọc này.</p>
      ) : (
        <>
          <div className="mt-3">
            <StatusBarChart data={rows.slice(0, CHART_ROWS)} label={title} />
          </div>
          {rows.length > CHART_ROWS ? (
            <p className="mt-1 text-xs text-slate-600">
              Biểu đồ hiển thị {CHART_ROWS}/{rows.length} dòng đầu theo thứ tự đang chọn; bảng số liệu và tệp Excel có
              đủ.
            </p>
          ) : null}
          <details className="mt-3 print:hidden">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">
              Xem bảng số liệu ({title.toLocaleLowerCase('vi')})
            </summary>
            <div className="mt-2">
              <StatusTable rows={rows.slice(0, TABLE_ROWS)} firstHeader={firstHeader} caption={title} />
              {rows.length > TABLE_ROWS ? (
                <p className="mt-1 text-xs text-slate-600">
                  Bảng hiển thị {TABLE_ROWS}/{rows.length} dòng; tải tệp Excel để xem đủ.
                </p>
              ) : null}
            </div>
          </details>
        </>
      )}
    </section>
  );
}
