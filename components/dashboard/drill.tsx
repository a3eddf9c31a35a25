import {
  getDashboardFilterOptions,
  listDashboardAssignments,
  type DrillList as DrillListData,
  type FilterOptions,
} from '@/lib/data/dashboard';
import { REFORM_AREA_LABELS } from '@/lib/domain/labels';
import { STATUS_LABELS, type OfficialStatus } from '@/lib/domain/status';
import { formatDateTimeVn, formatDateVn } from '@/lib/domain/time';
import {
  dashboardQuery,
  periodLabelOf,
  UNIT_KIND_FILTER_LABELS,
  type DashboardFilters,
  type DrillParams,
} from '@/lib/validation/dashboard';
import { loadPage } from '@/lib/page-helpers';
import { Pager } from './pager';
import { AssignmentTable } from './assignment-table';
import { DashboardPageTitle } from './page-title';

const DRILL_STATUS_LABELS: Record<string, string> = {
  ...STATUS_LABELS,
  DONE: 'Đã hoàn thành',
  OPEN: 'Chưa hoàn thành',
};

/** The way back to the dashboard with the same filters, and the page's title. */
export function DrillTitle({ filters, unitName }: { filters: DashboardFilters; unitName: string | null }) {
  return <DashboardPageTitle filters={filters} title={`Danh sách nhiệm vụ${unitName ? ` — ${unitName}` : ''}`} />;
}

/** What the list is narrowed to, in words. */
export function DrillHeader({
  filters,
  drill,
  list,
  options,
}: {
  filters: DashboardFilters;
  drill: DrillParams;
  list: DrillListData;
  options: FilterOptions;
}) {
  const chips: string[] = [];
  if (list.unitName) chips.push(`Đơn vị: ${list.unitName}`);
  if (drill.status) chips.push(`Tình trạng: ${DRILL_STATUS_LABELS[drill.status as OfficialStatus] ?? drill.status}`);
  if (list.leadName) chips.push(`Đơn vị chủ trì: ${list.leadName}`);
  if (filters.programme !== undefined)
    chips.push(
      `Chương trình: ${options.programmes.find((p) => p.id === filters.programme)?.title ?? filters.programme}`,
    );
  if (filters.section !== undefined)
    chips.push(`Mục: ${options.sections.find((s) => s.id === filters.section)?.label ?? filters.section}`);
  if (filters.area)
    chips.push(`Lĩnh vực: ${filters.area === 'NONE' ? 'Chưa phân loại' : REFORM_AREA_LABELS[filters.area]}`);
  if (filters.kind) chips.push(`Loại đơn vị: ${UNIT_KIND_FILTER_LABELS[filters.kind]}`);
  const period = periodLabelOf(filters.period);
  return (
    <div className="space-y-2">
      <p className="text-base">
        Có <strong data-testid="drill-total">{list.total}</strong> nhiệm vụ
      </p>
      <p className="text-sm text-slate-600">
        {period && !list.isNow
          ? `${period} — tình hình tính đến hết ngày ${formatDateVn(list.asOf)}`
          : `Tình hình tính đến ${formatDateTimeVn(list.asOf)}`}
      </p>
      {chips.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Đang lọc theo">
          {chips.map((c) => (
            <li key={c} className="rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-800">
              {c}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function DrillPager({
  filters,
  drill,
  list,
}: {
  filters: DashboardFilters;
  drill: DrillParams;
  list: DrillListData;
}) {
  return (
    <Pager
      page={list.page}
      pageCount={list.pageCount}
      href={(page) => `/dashboard/assignments${dashboardQuery({ ...filters, ...drill, page })}`}
    />
  );
}

/** The list with its heading and pages. */
export async function DrillList({ filters, drill }: { filters: DashboardFilters; drill: DrillParams }) {
  const [list, options] = await Promise.all([
    loadPage(listDashboardAssignments(filters, drill)),
    loadPage(getDashboardFilterOptions(filters)),
  ]);
  return (
    <div className="space-y-4">
      <DrillHeader filters={filters} drill={drill} list={list} options={options} />
      {list.total === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Không có nhiệm vụ nào.
        </p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-2 sm:p-4">
          <AssignmentTable rows={list.rows} />
        </div>
      )}
      <DrillPager filters={filters} drill={drill} list={list} />
    </div>
  );
}
