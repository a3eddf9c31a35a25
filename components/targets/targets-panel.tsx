import Link from 'next/link';
import { listIndicatorStandings } from '@/lib/data/targets';
import { REFORM_AREA_LABELS } from '@/lib/domain/labels';
import { describePath, describeTargets, formatIndicatorValue, RAG_LABELS, type Rag } from '@/lib/domain/targets';
import { loadPage } from '@/lib/page-helpers';
import { resolveMoment } from '@/lib/data/stats-cache';
import type { DashboardFilters } from '@/lib/validation/dashboard';

const RAG_CLASSES: Record<Rag, string> = {
  GREEN: 'border-green-700 bg-green-50 text-green-800',
  AMBER: 'border-amber-600 bg-amber-50 text-amber-800',
  RED: 'border-red-700 bg-red-50 text-red-800',
};
const RAG_DOTS: Record<Rag, string> = { GREEN: 'bg-green-600', AMBER: 'bg-amber-500', RED: 'bg-red-600' };

/** Red, amber or green in words and colour (never colour alone). */
export function RagTag({ rag }: { rag: Rag | null }) {
  if (!rag) return <span className="text-xs text-slate-500">Chưa có số liệu được duyệt</span>;
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${RAG_CLASSES[rag]}`}
    >
      <span aria-hidden className={`size-2 rounded-full ${RAG_DOTS[rag]}`} />
      {RAG_LABELS[rag]}
    </span>
  );
}

/** Per indicator: the targets, the trajectory today, and each unit's latest approved value against it. */
export async function TargetsPanel({ filters }: { filters: DashboardFilters }) {
  const { asOf } = resolveMoment(filters.period);
  const indicators = await loadPage(listIndicatorStandings({ asOf, programmeId: filters.programme }));
  if (indicators.length === 0) return null;
  return (
    <section aria-labelledby="targets" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="targets" className="text-lg font-semibold">
        Chỉ tiêu cải cách hành chính
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Giá trị mới nhất đã được duyệt của mỗi đơn vị so với lộ trình cần đạt (đường thẳng từ giá trị gốc đến từng mục
        tiêu). Xanh: đạt lộ trình; vàng: thiếu không quá 5%; đỏ: chậm hơn.
      </p>
      <ul className="mt-3 space-y-3">
        {indicators.map((i) => (
          <li key={i.id} className="rounded-md border border-slate-200 p-3" data-testid={`indicator-${i.code}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <h3 className="font-semibold">{i.name}</h3>
                <p className="text-sm text-slate-600">
                  {REFORM_AREA_LABELS[i.reformArea]} · Mục tiêu: {describeTargets(i.targets, i.measureUnit)}
                  {i.baseline
                    ? ` · Giá trị gốc: ${formatIndicatorValue(i.baseline.value, i.measureUnit)} (${i.baseline.year})`
                    : ''}
                  {i.requiredToday !== null
                    ? ` · Lộ trình cần đạt hiện nay: ${formatIndicatorValue(i.requiredToday, i.measureUnit)}`
                    : ''}
                  {i.verified ? '' : ' · Chỉ tiêu chưa được xác nhận'}
                </p>
              </div>
              <div className="text-right text-sm">
                <p>
                  Bình quân:{' '}
                  <strong>{i.average === null ? '—' : formatIndicatorValue(i.average, i.measureUnit)}</strong>{' '}
                  <RagTag rag={i.averageRag} />
                </p>
                <p className="mt-1 text-slate-600" data-testid="rag-counts">
                  {i.counts.GREEN} đạt · {i.counts.AMBER} gần đạt · {i.counts.RED} chậm · {i.counts.NONE} chưa có số
                  liệu
                </p>
              </div>
            </div>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-medium text-blue-700">
                Chi tiết {i.units.length} đơn vị
              </summary>
              <div className="relative mt-2 overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Đơn vị
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Giá trị đã duyệt (kỳ)
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Lộ trình cần đạt
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Đánh giá
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        Để đạt mục tiêu
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {i.units.map((u) => (
                      <tr key={u.assignmentId} className="border-t border-slate-100">
                        <th scope="row" className="py-1 pr-3 font-normal">
                          <Link href={`/assignments/${u.assignmentId}`} className="hover:underline">
                            {u.unitName}
                          </Link>
                        </th>
                        <td className="py-1 pr-3">
                          {u.latest ? (
                            <Link href={`/reports/${u.latest.reportId}`} className="underline">
                              {formatIndicatorValue(u.latest.value, i.measureUnit)}
                            </Link>
                          ) : (
                            '—'
                          )}
                          {u.latest ? <span className="text-slate-500"> ({u.latest.periodLabel})</span> : null}
                        </td>
                        <td className="py-1 pr-3">
                          {u.required === null ? '—' : formatIndicatorValue(u.required, i.measureUnit)}
                        </td>
                        <td className="py-1 pr-3">
                          <RagTag rag={u.rag} />
                        </td>
                        <td className="py-1">{describePath(u.path, i.measureUnit)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
