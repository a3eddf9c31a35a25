import type { StatusBarDatum } from '@/components/charts/status-chart-size';
import { StatusFigure } from '@/components/charts/status-figure';
import { StatusTable } from './status-table';

/** Bars drawn at most: beyond this a chart stops being readable; the table and the exports have all rows. */
const CHART_ROWS = 40;
/** Rows in the table alternative on the page: the rows the chart draws (the page stays light at national scale; the drill-down and Excel have all). */
export const PANEL_ROWS = CHART_ROWS;
const TABLE_ROWS = CHART_ROWS;
/** A scope of this few rows reads better as a table than as a chart (a head who leads one task). */
const FEW_ROWS = 2;

/** A stacked status chart with its heading, its table alternative and an honest note when rows were left out; a table alone for a row or two. */
export function StatusPanel({
  id,
  title,
  rows,
  firstHeader,
  note,
  total = rows.length,
}: {
  id: string;
  title: string;
  /** The rows in order; only the first PANEL_ROWS are drawn, so a caller with thousands may pass those alone. */
  rows: StatusBarDatum[];
  firstHeader: string;
  note?: React.ReactNode;
  /** How many rows there are in all, when `rows` holds only the first ones. */
  total?: number;
}) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {note}
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Không có nhiệm vụ nào theo bộ lọc này.</p>
      ) : rows.length <= FEW_ROWS ? (
        <div className="mt-3">
          <StatusTable rows={rows} firstHeader={firstHeader} caption={title} />
        </div>
      ) : (
        <StatusFigure
          rows={rows.slice(0, Math.max(CHART_ROWS, TABLE_ROWS))}
          total={total}
          chartRows={CHART_ROWS}
          tableRows={TABLE_ROWS}
          title={title}
          firstHeader={firstHeader}
        />
      )}
    </section>
  );
}
