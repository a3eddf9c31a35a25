import Link from 'next/link';
import { Fragment } from 'react';
import type { UnitStanding } from '@/lib/data/dashboard';
import { RANKING_BOTTOM, RANKING_TOP, rankingRows } from '@/lib/data/dashboard-shape';
import { STATUS_LABELS } from '@/lib/domain/status';
import { formatRate } from '@/lib/exports/text';
import { dashboardQuery, type DashboardFilters } from '@/lib/validation/dashboard';
import { drillHref } from './links';

/** Units by standing on the dashboard: the head and the tail, and a link to the whole ranking, paged (decisions 028, 031). */
export function RankingTable({ units, filters }: { units: UnitStanding[]; filters: DashboardFilters }) {
  // A national ranking has thousands of units: the chairman needs the best and the worst, and a
  // page that stays light; the middle is left out with a row that says how many.
  const { rows: shown, total, left } = rankingRows(units);
  const cut = left > 0;
  return (
    <section
      aria-labelledby="ranking"
      className="min-w-0 break-inside-avoid rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="ranking" className="text-lg font-semibold">
        Xếp hạng đơn vị
      </h2>
      <RankingRows rows={shown} filters={filters} gapAfter={cut ? RANKING_TOP : undefined} left={left} />
      {cut ? (
        <p className="mt-1 text-xs text-slate-600">
          Hiển thị {RANKING_TOP} đơn vị đứng đầu và {RANKING_BOTTOM} đơn vị cuối bảng trong {total} đơn vị.{' '}
          <Link href={`/dashboard/ranking${dashboardQuery(filters)}`} className="font-medium underline print:hidden">
            Xem bảng xếp hạng đầy đủ ({total} đơn vị)
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** The ranking's table: rows in rank order; with `gapAfter`, a row naming the `left` units left out after that many rows. */
export function RankingRows({
  rows,
  filters,
  gapAfter,
  left = 0,
}: {
  rows: UnitStanding[];
  filters: DashboardFilters;
  gapAfter?: number;
  left?: number;
}) {
  return (
    <>
      <p className="mt-1 text-xs text-slate-600">
        Xếp theo tỷ lệ hoàn thành, rồi tỷ lệ hoàn thành đúng hạn, rồi số nhiệm vụ quá hạn (ít hơn xếp trên). Tỷ lệ tính
        trên tổng số nhiệm vụ của đơn vị.
      </p>
      {/* On a phone the table scrolls sideways: the region takes keyboard focus so it can be scrolled without a mouse. */}
      <div
        className="relative mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-red-800"
        role="region"
        aria-label="Bảng xếp hạng (cuộn ngang trên màn hình hẹp)"
        tabIndex={0}
      >
        <table
          className="min-w-full text-sm [&_tbody_th]:font-medium [&_tbody_th_a]:hover:underline [&_td]:px-2 [&_td]:py-1.5 [&_td]:tabular-nums [&_td:nth-child(n+3)]:text-right [&_th]:px-2 [&_th]:py-1.5 [&_th]:text-left [&_thead_th:nth-child(n+3)]:text-right"
          data-testid="ranking-table"
        >
          <thead className="bg-slate-50">
            <tr>
              <th scope="col">Hạng</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Tổng số</th>
              <th scope="col">Tỷ lệ hoàn thành</th>
              <th scope="col">{STATUS_LABELS.DONE_ON_TIME}</th>
              <th scope="col">Quá hạn</th>
              <th scope="col">Báo cáo chờ duyệt (hiện tại)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((u, i) => (
              <Fragment key={u.unitId}>
                {gapAfter !== undefined && i === gapAfter ? (
                  <tr>
                    <td colSpan={7} className="text-center text-slate-600">
                      … {left} đơn vị ở giữa bảng xếp hạng …
                    </td>
                  </tr>
                ) : null}
                <tr>
                  <td>{u.rank}</td>
                  <th scope="row">
                    <a href={drillHref(filters, { unit: u.unitId })}>{u.name}</a>
                    {u.validTo ? (
                      <span className="ml-1 text-xs font-normal text-slate-500">
                        (đến {u.validTo.split('-').reverse().join('/')})
                      </span>
                    ) : null}
                  </th>
                  <td>{u.counts.total}</td>
                  <td>{formatRate(u.completionRate)}</td>
                  <td>{formatRate(u.onTimeRate)}</td>
                  <td>
                    {u.counts.IN_PROGRESS_OVERDUE > 0 ? (
                      <a
                        href={drillHref(filters, { unit: u.unitId, status: 'IN_PROGRESS_OVERDUE' })}
                        className="font-semibold text-red-700 underline"
                      >
                        {u.counts.IN_PROGRESS_OVERDUE}
                      </a>
                    ) : (
                      0
                    )}
                  </td>
                  <td>{u.pending}</td>
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
