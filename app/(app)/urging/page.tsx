import type { Metadata } from 'next';
import Link from 'next/link';
import { card, secondaryButton, td, th } from '@/components/admin/styles';
import { inputClass } from '@/components/forms/field';
import { Notice } from '@/components/ui/notice';
import { UrgingLetterForm } from '@/components/urging/letter-form';
import { listSigners } from '@/lib/data/signers';
import { listOverdueUnits, listUrgingLetters, listUrgingProgrammes } from '@/lib/data/urging';
import { UNIT_KIND_LABELS } from '@/lib/domain/labels';
import { formatDateTimeVn, formatDateVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';
import { UrgingLetterInput } from '@/lib/validation/urging';

export const metadata: Metadata = { title: 'Đôn đốc' };

type Search = { programme?: string; section?: string; kind?: string; letter?: string; notice?: string | string[] };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

/**
 * The standing office's urging page (decision 018): a programme's overdue units and their overdue
 * tasks (the dashboard's status rule), and in one step the Công văn đôn đốc for them.
 */
export default async function UrgingPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const programmes = await loadPage(listUrgingProgrammes());
  const parsed = UrgingLetterInput.safeParse({
    programmeId: one(search.programme) || String(programmes[0]?.id ?? ''),
    sectionId: one(search.section),
    unitKind: one(search.kind),
  });
  const chosen = parsed.success ? programmes.find((p) => p.id === parsed.data.programmeId) : undefined;
  const filters = parsed.success && chosen ? parsed.data : null;
  const [overdue, letters, signers] = filters
    ? await loadPage(Promise.all([listOverdueUnits(filters), listUrgingLetters(filters.programmeId), listSigners()]))
    : [null, [], []];
  const tasks = overdue ? overdue.units.reduce((n, u) => n + u.tasks.length, 0) : 0;
  const justMade = Number(one(search.letter)) || null;
  return (
    <section className="space-y-6">
      <Notice notice={search.notice} />
      <header className="space-y-1">
        <h1 className="text-xl font-bold sm:text-2xl">Đôn đốc các đơn vị quá hạn</h1>
        <p className="text-sm text-slate-700">
          Các đơn vị còn nhiệm vụ “Đang thực hiện quá hạn” (cùng cách tính với bảng điều khiển), số ngày quá hạn tính
          theo ngày làm việc. Tạo công văn đôn đốc để trình Chủ tịch ký và gửi ngay cho các đơn vị trên hệ thống.
        </p>
      </header>
      {justMade && letters.some((l) => l.id === justMade) ? (
        <p className="text-sm">
          <a href={`/api/urging-letters/${justMade}`} className="font-medium text-blue-700 underline" download>
            Tải công văn vừa tạo (.docx)
          </a>
        </p>
      ) : null}

      {programmes.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          Chưa có chương trình nào đang thực hiện.
        </p>
      ) : (
        <form method="get" className={`${card} grid gap-4 sm:grid-cols-4 sm:items-end`}>
          <div className="sm:col-span-2">
            <label htmlFor="urging-programme" className="block text-sm font-medium">
              Chương trình
            </label>
            <select
              id="urging-programme"
              name="programme"
              defaultValue={String(chosen?.id ?? '')}
              className={`${inputClass} mt-1`}
            >
              {programmes.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="urging-section" className="block text-sm font-medium">
              Mục
            </label>
            <select
              id="urging-section"
              name="section"
              defaultValue={filters?.sectionId ? String(filters.sectionId) : ''}
              className={`${inputClass} mt-1`}
            >
              <option value="">Tất cả các mục</option>
              {(chosen?.sections ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.numeral}. {s.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="urging-kind" className="block text-sm font-medium">
              Đơn vị
            </label>
            <select
              id="urging-kind"
              name="kind"
              defaultValue={filters?.unitKind ?? ''}
              className={`${inputClass} mt-1`}
            >
              <option value="">Tất cả đơn vị</option>
              <option value="DEPARTMENT">Các phòng, ban</option>
              <option value="WARD_COMMUNE">Các phường, xã</option>
            </select>
          </div>
          <div className="sm:col-span-4">
            <button type="submit" className={secondaryButton}>
              Xem đơn vị quá hạn
            </button>
          </div>
        </form>
      )}
      {!parsed.success && programmes.length > 0 ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          Bộ lọc không hợp lệ: chọn lại chương trình, mục và đơn vị.
        </p>
      ) : null}

      {overdue && filters ? (
        <section aria-labelledby="overdue-heading" className="space-y-3">
          <h2 id="overdue-heading" className="text-lg font-semibold">
            {overdue.units.length === 0
              ? 'Không có đơn vị nào có nhiệm vụ quá hạn'
              : `${overdue.units.length} đơn vị, ${tasks} nhiệm vụ quá hạn`}
          </h2>
          {overdue.units.length > 0 ? (
            <>
              <div className="overflow-x-auto" role="region" aria-labelledby="overdue-heading" tabIndex={0}>
                <table className="min-w-full rounded-lg border border-slate-200 bg-white">
                  <thead className="bg-slate-50">
                    <tr>
                      <th scope="col" className={th}>
                        Đơn vị
                      </th>
                      <th scope="col" className={th}>
                        Nhiệm vụ quá hạn
                      </th>
                      <th scope="col" className={th}>
                        Thời hạn
                      </th>
                      <th scope="col" className={th}>
                        Quá hạn (ngày làm việc)
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {overdue.units.flatMap((u) =>
                      u.tasks.map((t, i) => (
                        <tr key={t.assignmentId} className="border-t border-slate-100">
                          {i === 0 ? (
                            <th scope="rowgroup" rowSpan={u.tasks.length} className={`${td} text-left font-medium`}>
                              {u.name}
                              <span className="block text-xs font-normal text-slate-600">
                                {UNIT_KIND_LABELS[u.kind]}
                              </span>
                            </th>
                          ) : null}
                          <td className={td}>
                            <Link href={`/assignments/${t.assignmentId}`} className="text-blue-700 underline">
                              {t.code} {t.title}
                            </Link>
                          </td>
                          <td className={td}>{formatDateVn(t.due)}</td>
                          <td className={td}>{t.daysOverdue}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
              <div className={card}>
                <UrgingLetterForm
                  programmeId={filters.programmeId}
                  sectionId={filters.sectionId}
                  unitKind={filters.unitKind}
                  signers={signers}
                  units={overdue.units.length}
                  tasks={tasks}
                />
              </div>
            </>
          ) : null}
        </section>
      ) : null}

      {filters ? (
        <section aria-labelledby="letters-heading" className="space-y-2">
          <h2 id="letters-heading" className="text-lg font-semibold">
            Công văn đôn đốc đã tạo
          </h2>
          {letters.length === 0 ? (
            <p className="text-sm text-slate-600">Chưa có công văn nào cho chương trình này.</p>
          ) : (
            <ul className="space-y-2">
              {letters.map((l) => (
                <li key={l.id} className={`${card} text-sm`}>
                  <a href={`/api/urging-letters/${l.id}`} className="font-medium text-blue-700 underline" download>
                    {l.subject}
                  </a>
                  <span className="block text-slate-600">
                    {formatDateTimeVn(l.createdAt)} · {l.createdBy} · {l.units} đơn vị, {l.tasks} nhiệm vụ
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </section>
  );
}
