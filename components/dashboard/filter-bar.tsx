import Link from 'next/link';
import { getDashboardFilterOptions } from '@/lib/data/dashboard';
import { REFORM_AREA_LABELS } from '@/lib/domain/labels';
import { vnDateOf } from '@/lib/domain/time';
import {
  NO_AREA,
  periodOptions,
  UNIT_KIND_FILTER_LABELS,
  UNIT_KIND_FILTERS,
  type DashboardFilters,
} from '@/lib/validation/dashboard';

const SELECT = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm';

/**
 * The filters as a plain GET form: the URL is the state, so a view can be bookmarked and shared,
 * and it works before (or without) JavaScript. `action` is the page the form reloads.
 */
export async function FilterBar({
  filters,
  action,
}: {
  filters: DashboardFilters;
  action: '/dashboard' | '/dashboard/assignments';
}) {
  const options = await getDashboardFilterOptions(filters);
  const periods = periodOptions(vnDateOf(new Date()), filters.period);
  const manyProgrammes = new Set(options.sections.map((s) => s.programmeId)).size > 1;
  const programmeTitle = new Map(options.programmes.map((p) => [p.id, p.title]));
  return (
    <form
      method="get"
      action={action}
      aria-label="Bộ lọc"
      className="rounded-lg border border-slate-200 bg-white p-4 print:hidden"
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <div>
          <label htmlFor="f-programme" className="block text-sm font-medium">
            Chương trình
          </label>
          <select id="f-programme" name="programme" defaultValue={filters.programme ?? ''} className={SELECT}>
            <option value="">Tất cả chương trình</option>
            {options.programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
                {p.archived ? ' (đã lưu trữ)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-section" className="block text-sm font-medium">
            Mục
          </label>
          <select id="f-section" name="section" defaultValue={filters.section ?? ''} className={SELECT}>
            <option value="">Tất cả các mục</option>
            {options.sections.map((s) => (
              <option key={s.id} value={s.id}>
                {manyProgrammes ? `${(programmeTitle.get(s.programmeId) ?? '').slice(0, 30)}… — ` : ''}
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-area" className="block text-sm font-medium">
            Lĩnh vực cải cách
          </label>
          <select id="f-area" name="area" defaultValue={filters.area ?? ''} className={SELECT}>
            <option value="">Tất cả lĩnh vực</option>
            {Object.entries(REFORM_AREA_LABELS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
            <option value={NO_AREA}>Chưa phân loại lĩnh vực</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-period" className="block text-sm font-medium">
            Kỳ báo cáo
          </label>
          <select id="f-period" name="period" defaultValue={filters.period ?? ''} className={SELECT}>
            <option value="">Hiện tại (đến hôm nay)</option>
            {periods.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {options.scope !== 'UNIT' ? (
          <div>
            <label htmlFor="f-kind" className="block text-sm font-medium">
              Loại đơn vị
            </label>
            <select id="f-kind" name="kind" defaultValue={filters.kind ?? ''} className={SELECT}>
              <option value="">Tất cả đơn vị</option>
              {UNIT_KIND_FILTERS.map((k) => (
                <option key={k} value={k}>
                  {UNIT_KIND_FILTER_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {filters.sort !== 'rate' ? <input type="hidden" name="sort" value={filters.sort} /> : null}
      {filters.heat !== 'section' ? <input type="hidden" name="heat" value={filters.heat} /> : null}
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800"
        >
          Áp dụng
        </button>
        <Link href={action} className="text-sm text-slate-700 underline">
          Bỏ lọc
        </Link>
      </div>
    </form>
  );
}
