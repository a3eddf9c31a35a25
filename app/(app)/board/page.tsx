import type { Metadata } from 'next';
import Link from 'next/link';
import { getSubmissionBoard, SUBMISSION_LABELS, type SubmissionState } from '@/lib/data/board';
import { ASSIGNMENT_ROLE_LABELS } from '@/lib/domain/labels';
import { formatDateTimeVn, formatDateVn } from '@/lib/domain/time';
import { loadPage } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Tình hình nộp báo cáo' };

const STATE_STYLE: Record<SubmissionState, string> = {
  APPROVED: 'bg-green-100 text-green-800',
  SUBMITTED_ON_TIME: 'bg-blue-100 text-blue-800',
  SUBMITTED_LATE: 'bg-orange-100 text-orange-800',
  RETURNED: 'bg-amber-100 text-amber-900',
  DRAFT: 'bg-slate-100 text-slate-700',
  MISSING: 'bg-slate-100 text-slate-700',
  MISSING_LATE: 'bg-red-100 text-red-800',
};

export default async function BoardPage({
  searchParams,
}: {
  searchParams: Promise<{ task?: string; period?: string }>;
}) {
  const { task, period } = await searchParams;
  const taskId = task && /^\d{1,9}$/.test(task) ? Number(task) : undefined;
  const board = await loadPage(getSubmissionBoard({ taskId, periodKey: period }));
  const counts = board.rows.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }),
    {},
  );
  return (
    <section className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">Tình hình nộp báo cáo</h1>
      <form
        className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-end"
        method="get"
      >
        <div className="flex-1">
          <label htmlFor="task" className="block text-sm font-medium">
            Nhiệm vụ
          </label>
          <select
            id="task"
            name="task"
            defaultValue={board.task?.id}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          >
            {board.tasks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.section.numeral}.{t.number} {t.title}
              </option>
            ))}
          </select>
        </div>
        {board.periods.length > 0 ? (
          <div>
            <label htmlFor="period" className="block text-sm font-medium">
              Kỳ báo cáo
            </label>
            <select
              id="period"
              name="period"
              defaultValue={board.periodKey ?? undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            >
              {board.periods.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
          Xem
        </button>
      </form>
      {board.task ? (
        <>
          <p className="text-sm text-slate-700" data-testid="board-summary">
            {board.periodLabel}: {board.rows.length} đơn vị ·{' '}
            {(Object.keys(SUBMISSION_LABELS) as SubmissionState[])
              .filter((s) => counts[s])
              .map((s) => `${SUBMISSION_LABELS[s]} ${counts[s]}`)
              .join(' · ')}
          </p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Đơn vị
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Vai trò
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Hạn nộp
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Tình trạng
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Gửi lúc
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Tiến độ
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {board.rows.map((r) => (
                  <tr key={r.assignmentId}>
                    <td className="px-3 py-2 font-medium">
                      <Link
                        href={r.reportId ? `/reports/${r.reportId}` : `/assignments/${r.assignmentId}`}
                        className="hover:underline"
                      >
                        {r.unitName}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{ASSIGNMENT_ROLE_LABELS[r.role]}</td>
                    <td className="px-3 py-2">{r.due ? formatDateVn(r.due) : 'Không thời hạn'}</td>
                    <td className="px-3 py-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[r.state]}`}>
                        {SUBMISSION_LABELS[r.state]}
                      </span>
                    </td>
                    <td className="px-3 py-2">{r.submittedAt ? formatDateTimeVn(r.submittedAt) : '—'}</td>
                    <td className="px-3 py-2">{r.progress != null ? `${r.progress}%` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="text-slate-600">Không có nhiệm vụ nào để theo dõi.</p>
      )}
    </section>
  );
}
