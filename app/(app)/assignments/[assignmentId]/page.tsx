import type { Metadata } from 'next';
import Link from 'next/link';
import { ReportForm } from '@/components/reports/report-form';
import { DueText, StatusBadge } from '@/components/ui/status-badge';
import { Notice } from '@/components/ui/notice';
import { ExtensionRequestForm } from '@/components/extensions/extension-request-form';
import { getExtensions } from '@/lib/data/extensions';
import { getReportForm } from '@/lib/data/report-views';
import { getUrgingHistory } from '@/lib/data/urging';
import { getAssignment } from '@/lib/data/work';
import { URGING_AUDIENCE_LABELS } from '@/lib/domain/urging';
import { currentPeriod, periodLabel } from '@/lib/domain/slot';
import { ASSIGNMENT_ROLE_LABELS, REPORT_STATUS_LABELS } from '@/lib/domain/labels';
import { RECURRENCE_LABELS } from '@/lib/domain/periods';
import { formatDateTimeVn, formatDateVn, fromDbDate, vnDateOf } from '@/lib/domain/time';
import { loadPage, parseId } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Nhiệm vụ' };

/**
 * The newest reports listed before "Xem tất cả" (a recurring task gains one a period, twelve a year
 * for a monthly one): the page's cost grows with each (decision 032). `?reports=all` lists them all.
 */
const REPORTS_SHOWN = 6;
/** Each report's text on the list, in short (the report's own page has it whole). */
const EXCERPT_CHARS = 280;
const excerpt = (text: string) =>
  text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1).trimEnd()}…` : text;

export default async function AssignmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ assignmentId: string }>;
  searchParams: Promise<{ period?: string; notice?: string | string[]; reports?: string | string[] }>;
}) {
  const [{ assignmentId }, { period, notice, reports: reportsParam }] = await Promise.all([params, searchParams]);
  const id = parseId(assignmentId);
  const [a, form, { history: extensions, mayRequest: mayRequestExtension }, urging] = await loadPage(
    Promise.all([getAssignment(id), getReportForm(id, period), getExtensions(id), getUrgingHistory(id)]),
  );
  const lead = a.task.lead?.name ?? null;
  const due = a.dueDate ? fromDbDate(a.dueDate) : null;
  const originalDue = a.originalDueDate ? fromDbDate(a.originalDueDate) : null;
  // Recurring tasks are due per reporting period (Decree 09/2019 cut-offs), not once.
  const current = currentPeriod(a.task.recurrence, vnDateOf(new Date()));
  const reportsShown = reportsParam === 'all' ? a.reports : a.reports.slice(0, REPORTS_SHOWN);
  return (
    <article className="space-y-6">
      <Notice notice={notice} />
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/" prefetch={false} className="hover:underline">
          Trang chủ
        </Link>{' '}
        / {a.task.programme.title}
      </nav>
      <header>
        <p className="text-sm text-slate-600">{`Mục ${a.task.section.numeral}. ${a.task.section.title}`}</p>
        <h1 className="mt-1 text-xl font-bold sm:text-2xl">
          {`${a.task.section.numeral}.${a.task.number} ${a.task.title}`}
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm" data-testid="assignment-status">
          <StatusBadge status={a.status} />
          <DueText status={a.status} dueDate={a.statusDueDate} />
        </div>
        {a.missedPeriodLabels.length > 0 ? (
          <p className="mt-1 text-sm text-red-700" data-testid="missed-periods">
            Các kỳ chưa có báo cáo hoàn thành: {a.missedPeriodLabels.join(', ')}.
          </p>
        ) : null}
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline text-slate-600">Đơn vị: </dt>
            <dd className="inline font-medium">{`${a.unit.name} (${ASSIGNMENT_ROLE_LABELS[a.role]})`}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600">Đơn vị chủ trì: </dt>
            <dd className="inline">{lead ?? 'Không có (các đơn vị, địa phương cùng thực hiện)'}</dd>
          </div>
          {current ? (
            <div>
              <dt className="inline text-slate-600">Hạn báo cáo kỳ này: </dt>
              <dd className="inline">{`${formatDateVn(current.end)} (${current.label})`}</dd>
            </div>
          ) : (
            <div>
              <dt className="inline text-slate-600">Thời hạn: </dt>
              <dd className="inline">
                {due ? formatDateVn(due) : 'Không thời hạn'}
                {originalDue && due && originalDue !== due ? (
                  <span className="text-slate-500"> (hạn ban đầu {formatDateVn(originalDue)}, đã gia hạn)</span>
                ) : null}
              </dd>
            </div>
          )}
          <div>
            <dt className="inline text-slate-600">Tính chất: </dt>
            <dd className="inline">{RECURRENCE_LABELS[a.task.recurrence]}</dd>
          </div>
          {current ? null : (
            <div>
              <dt className="inline text-slate-600">Tiến độ: </dt>
              <dd className="inline">{a.progress}%</dd>
            </div>
          )}
        </dl>
      </header>
      <section aria-labelledby="task-text" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="task-text" className="mb-2 font-semibold">
          Nội dung nhiệm vụ
        </h2>
        <p className="leading-relaxed whitespace-pre-line">{a.task.text}</p>
      </section>
      {form.canEdit ? (
        <section aria-labelledby="report-form" className="rounded-lg border-2 border-red-200 bg-white p-4">
          <h2 id="report-form" className="mb-3 font-semibold">
            {form.report ? 'Cập nhật báo cáo' : 'Báo cáo tiến độ'}
          </h2>
          <ReportForm
            key={form.periodKey}
            assignmentId={a.id}
            periodKey={form.periodKey}
            options={form.options}
            report={form.report}
            evidenceRequired={form.evidenceRequired}
            indicator={form.indicator}
          />
        </section>
      ) : form.mayWrite && form.report ? (
        <section
          aria-labelledby="report-state"
          role="status"
          className="rounded-lg border border-blue-200 bg-blue-50 p-4"
        >
          <h2 id="report-state" className="font-semibold text-blue-900">
            {form.report.status === 'SUBMITTED'
              ? 'Đã gửi báo cáo — đang chờ duyệt'
              : 'Báo cáo đã được duyệt: nhiệm vụ hoàn thành'}
          </h2>
          <p className="mt-1 text-sm text-blue-900">
            {form.report.status === 'SUBMITTED'
              ? 'Bạn sẽ nhận thông báo khi lãnh đạo duyệt hoặc trả lại để bổ sung.'
              : 'Không cần báo cáo thêm cho kỳ này.'}{' '}
            <Link href={`/reports/${form.report.id}`} prefetch={false} className="underline">
              Xem báo cáo
            </Link>
          </p>
        </section>
      ) : null}
      {extensions.length > 0 || mayRequestExtension ? (
        <section aria-labelledby="extensions" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="extensions" className="mb-2 font-semibold">
            Gia hạn
          </h2>
          {extensions.length > 0 ? (
            <ul className="mb-3 space-y-2 text-sm">
              {extensions.map((e) => (
                <li key={e.id} className="rounded bg-slate-50 p-2">
                  <strong>
                    {e.status === 'PENDING'
                      ? 'Đang chờ quyết định'
                      : e.status === 'APPROVED'
                        ? 'Đã đồng ý'
                        : 'Không đồng ý'}
                  </strong>
                  : {e.previousDueDate ? formatDateVn(fromDbDate(e.previousDueDate)) : '—'} →{' '}
                  {formatDateVn(fromDbDate(e.requestedDueDate))} · {e.reason}
                  <span className="text-slate-500">
                    {' '}
                    ({e.requestedBy.displayName}, {formatDateTimeVn(e.createdAt)})
                  </span>
                  {e.decidedBy ? (
                    <span className="block text-slate-600">
                      Quyết định: {e.decidedBy.displayName}
                      {e.decisionComment ? ` — ${e.decisionComment}` : ''}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {mayRequestExtension ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium text-blue-700">Đề nghị gia hạn</summary>
              <div className="mt-3">
                <ExtensionRequestForm assignmentId={a.id} />
              </div>
            </details>
          ) : null}
        </section>
      ) : null}
      {urging.length > 0 ? (
        <section aria-labelledby="urging" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="urging" className="mb-2 font-semibold">
            Lịch sử đôn đốc
          </h2>
          <ul className="space-y-2 text-sm" data-testid="urging-history">
            {urging.map((e) => (
              <li key={e.key} className="rounded bg-slate-50 p-2">
                <span className="text-slate-600">{formatDateTimeVn(e.at)}</span> · {e.label}
                {e.audiences.length > 0 ? (
                  <span className="block text-slate-600">
                    Gửi tới: {e.audiences.map((x) => URGING_AUDIENCE_LABELS[x]).join('; ')}
                  </span>
                ) : null}
                {e.link ? (
                  <a href={e.link} className="ml-1 text-blue-700 underline" download>
                    Tải công văn (.docx)
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="reports">
        <h2 id="reports" className="mb-3 font-semibold">
          {`Các báo cáo (${a.reports.length})`}
        </h2>
        {a.reports.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
            Chưa có báo cáo nào.
          </p>
        ) : (
          <ul className="space-y-3" data-testid="assignment-reports">
            {reportsShown.map((r) => (
              <li key={r.id} id={`report-${r.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="rounded bg-slate-100 px-2 py-0.5 font-medium">{REPORT_STATUS_LABELS[r.status]}</span>
                  <span className="text-slate-600">{`Kỳ: ${periodLabel(a.task.recurrence, r.periodKey)}`}</span>
                  <span className="text-slate-600">{`Tiến độ ${r.progress}%`}</span>
                  {r.submittedAt ? (
                    <span className="text-slate-600">{`Gửi ${formatDateTimeVn(r.submittedAt)}`}</span>
                  ) : null}
                </p>
                <p className="mt-2 line-clamp-3 whitespace-pre-line">{excerpt(r.content)}</p>
                {/* A plain link, as on the lists: a next/link per row is a client component rendered on
                    every view, and its prefetch a server render of the report's page (decision 032). */}
                <a href={`/reports/${r.id}`} className="mt-2 inline-block text-sm text-blue-700 underline">
                  Xem chi tiết, tài liệu và lịch sử
                </a>
                {r.status === 'RETURNED' && r.reviewComment ? (
                  <p className="mt-2 rounded bg-orange-50 p-2 text-sm text-orange-900">
                    <strong>Lý do trả lại:</strong> {r.reviewComment}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {reportsShown.length < a.reports.length ? (
          <p className="mt-3 text-sm">
            <a href={`?reports=all#reports`} className="font-medium underline" data-testid="see-all">
              {`Xem tất cả ${a.reports.length} báo cáo`}
            </a>
          </p>
        ) : null}
      </section>
    </article>
  );
}
