import Link from 'next/link';
import { HeadlineCards, HeadlineSentence } from '@/components/work/headline';
import { getDashboard } from '@/lib/data/dashboard';
import { OFFICIAL_STATUSES } from '@/lib/domain/status';
import { formatDateTimeVn, formatDateVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';
import { SORT_LABELS, SORTS, type DashboardFilters } from '@/lib/validation/dashboard';
import { groupBars, unitBars } from './bar-data';
import { Heatmap } from './heatmap';
import { dashboardHref, drillHref, exportHref } from './links';
import { PrintButton } from './print-button';
import { RankingTable } from './ranking-table';
import { PANEL_ROWS, StatusPanel } from './status-panel';

/** A scope with this few units (a head who leads one task) gets one table, not charts, ranking and heatmap. */
const FEW_UNITS = 2;

/** Headline, charts per unit and per section, ranking and heatmap: one getDashboard call. */
export async function DashboardOverview({ filters }: { filters: DashboardFilters }) {
  const d = await loadPage(getDashboard(filters));
  const local = d.units.filter((u) => u.kind === 'WARD' || u.kind === 'COMMUNE');
  const offices = d.units.filter((u) => u.kind !== 'WARD' && u.kind !== 'COMMUNE');
  const sortLinks = (
    <p className="mt-1 text-sm print:hidden">
      Sắp xếp:{' '}
      {SORTS.map((s, i) => (
        <span key={s}>
          {i > 0 ? ' · ' : null}
          {filters.sort === s ? (
            <strong>{SORT_LABELS[s]}</strong>
          ) : (
            <Link href={dashboardHref(filters, { sort: s })} className="underline">
              {SORT_LABELS[s]}
            </Link>
          )}
        </span>
      ))}
    </p>
  );
  return (
    <div className="space-y-6">
      <section aria-labelledby="overview" className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="overview" className="text-lg font-semibold" data-testid="dashboard-scope">
              Phạm vi: {d.scopeLabel}
            </h2>
            <p className="text-sm text-slate-600" data-testid="dashboard-asof">
              {d.periodLabel && !d.isNow
                ? `${d.periodLabel} — số liệu tính đến hết ngày ${formatDateVn(d.asOf)}`
                : `Số liệu tính đến ${formatDateTimeVn(d.asOf)}`}
            </p>
          </div>
          <div className="flex flex-wrap gap-2 print:hidden">
            <a
              href={exportHref('xlsx', filters)}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
              download
            >
              Tải biểu tổng hợp (Excel)
            </a>
            <a
              href={exportHref('docx', filters)}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
              download
            >
              Tải báo cáo (Word)
            </a>
            <PrintButton />
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <HeadlineSentence counts={d.headline} taskCount={d.taskCount} />
          <p className="mt-1 text-sm text-slate-600">
            Báo cáo đang chờ duyệt: <strong data-testid="pending-total">{d.pending}</strong>
          </p>
        </div>
        <HeadlineCards
          counts={d.headline}
          links={{
            total: drillHref(filters),
            ...Object.fromEntries(OFFICIAL_STATUSES.map((s) => [s, drillHref(filters, { status: s })])),
          }}
        />
      </section>

      {d.scope !== 'UNIT' && d.units.length <= FEW_UNITS ? (
        <StatusPanel id="by-unit" title="Theo đơn vị" rows={unitBars(d.units, filters)} firstHeader="Đơn vị" />
      ) : d.scope !== 'UNIT' ? (
        <>
          <div className="grid gap-6 xl:grid-cols-2">
            <StatusPanel
              id="by-local"
              title="Theo phường, xã"
              // Only the rows drawn are shaped: at national scale there are thousands of units.
              rows={unitBars(local.slice(0, PANEL_ROWS), filters)}
              total={local.length}
              firstHeader="Phường, xã"
              note={sortLinks}
            />
            <StatusPanel
              id="by-office"
              title="Theo phòng, ban"
              rows={unitBars(offices.slice(0, PANEL_ROWS), filters)}
              total={offices.length}
              firstHeader="Phòng, ban"
              note={sortLinks}
            />
          </div>
          <RankingTable units={d.units} filters={filters} />
          <Heatmap heat={d.heat} filters={filters} />
        </>
      ) : null}
      <StatusPanel
        id="by-section"
        title="Theo mục của chương trình"
        rows={groupBars(d.sections, filters)}
        firstHeader="Mục"
      />
      {d.scope === 'UNIT' ? (
        <StatusPanel
          id="by-area"
          title="Theo lĩnh vực cải cách hành chính"
          rows={groupBars(d.areas, filters)}
          firstHeader="Lĩnh vực"
        />
      ) : null}
    </div>
  );
}
