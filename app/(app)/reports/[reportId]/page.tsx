import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewForm } from '@/components/reports/review-form';
import { Timeline } from '@/components/reports/timeline';
import { getReport } from '@/lib/data/report-views';
import { REPORT_STATUS_LABELS } from '@/lib/domain/labels';
import { periodLabel } from '@/lib/domain/slot';
import { formatIndicatorValue } from '@/lib/domain/targets';
import { formatDateTimeVn } from '@/lib/domain/time';
import { formatBytes } from '@/lib/format';
import { loadPage, parseId } from '@/lib/page-helpers';

export const metadata: Metadata = { title: 'Báo cáo' };

export default async function ReportPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const r = await loadPage(getReport(parseId(reportId)));
  const task = r.assignment.task;
  return (
    <article className="space-y-6">
      <nav aria-label="Đường dẫn" className="text-sm text-slate-600">
        <Link href="/" className="hover:underline">
          Trang chủ
        </Link>{' '}
        /{' '}
        <Link href={`/assignments/${r.assignment.id}`} className="hover:underline">
          {task.section.numeral}.{task.number} · {r.assignment.unit.name}
        </Link>
      </nav>
      <header>
        <h1 className="text-xl font-bold sm:text-2xl">Báo cáo của {r.assignment.unit.name}</h1>
        <p className="mt-1 text-slate-700">
          {task.section.numeral}.{task.number} {task.title}
        </p>
        <p className="mt-2 flex flex-wrap gap-2 text-sm">
          <span className="rounded bg-slate-100 px-2 py-0.5 font-medium" data-testid="report-status">
            {REPORT_STATUS_LABELS[r.status]}
          </span>
          <span>Kỳ: {periodLabel(task.recurrence, r.periodKey)}</span>
          <span>
            Tiến độ: <strong>{r.progress}%</strong>
          </span>
          {r.submittedAt ? (
            <span>
              Gửi {formatDateTimeVn(r.submittedAt)}
              {r.submittedBy ? ` bởi ${r.submittedBy.displayName}` : ''}
            </span>
          ) : null}
        </p>
      </header>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        {task.indicator ? (
          <div>
            <h2 className="text-sm font-semibold text-slate-600">Chỉ tiêu: {task.indicator.name}</h2>
            <p className="mt-1 text-lg" data-testid="indicator-value">
              Giá trị đạt được:{' '}
              <strong>{r.value === null ? '—' : formatIndicatorValue(r.value, task.indicator.measureUnit)}</strong>
            </p>
          </div>
        ) : null}
        <div>
          <h2 className="text-sm font-semibold text-slate-600">Kết quả thực hiện</h2>
          <p className="mt-1 whitespace-pre-line">{r.content || '—'}</p>
        </div>
        {r.difficulties ? (
          <div>
            <h2 className="text-sm font-semibold text-slate-600">Khó khăn, vướng mắc</h2>
            <p className="mt-1 whitespace-pre-line">{r.difficulties}</p>
          </div>
        ) : null}
        {r.proposals ? (
          <div>
            <h2 className="text-sm font-semibold text-slate-600">Đề xuất, kiến nghị</h2>
            <p className="mt-1 whitespace-pre-line">{r.proposals}</p>
          </div>
        ) : null}
        {r.noEvidenceReason ? (
          <div>
            <h2 className="text-sm font-semibold text-slate-600">Giải trình không có tài liệu kiểm chứng</h2>
            <p className="mt-1 whitespace-pre-line">{r.noEvidenceReason}</p>
          </div>
        ) : null}
        {r.progress === 100 && r.evidence.length === 0 && !r.noEvidenceReason ? (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            Báo cáo hoàn thành 100% nhưng không có tài liệu kiểm chứng và không có giải trình.
          </p>
        ) : null}
        <div>
          <h2 className="text-sm font-semibold text-slate-600">Tài liệu kiểm chứng ({r.evidence.length})</h2>
          {r.evidence.length === 0 ? (
            <p className="mt-1 text-slate-600">Không có.</p>
          ) : (
            <ul className="mt-1 space-y-1">
              {r.evidence.map((e) => (
                <li key={e.id}>
                  <a href={`/api/evidence/${e.id}`} className="text-blue-700 underline">
                    {e.fileName}
                  </a>{' '}
                  <span className="text-sm text-slate-500">({formatBytes(e.sizeBytes)})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      {r.canReview ? (
        <section aria-labelledby="review" className="rounded-lg border-2 border-red-200 bg-white p-4">
          <h2 id="review" className="mb-3 font-semibold">
            Xem xét báo cáo
          </h2>
          <ReviewForm reportId={r.id} version={r.version} />
        </section>
      ) : null}

      {r.reviews.length > 0 ? (
        <section aria-labelledby="decisions">
          <h2 id="decisions" className="mb-2 font-semibold">
            Các lần xem xét
          </h2>
          <ul className="space-y-2">
            {r.reviews.map((v) => (
              <li
                key={v.id}
                className={`rounded-md p-3 text-sm ${v.decision === 'APPROVED' ? 'bg-green-50' : 'bg-orange-50'}`}
              >
                <strong>{v.decision === 'APPROVED' ? 'Đã duyệt' : 'Trả lại'}</strong> · {v.reviewer.displayName} ·{' '}
                {formatDateTimeVn(v.createdAt)}
                {v.comment ? <p className="mt-1">{v.comment}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="history">
        <h2 id="history" className="mb-2 font-semibold">
          Lịch sử
        </h2>
        <Timeline events={r.timeline} />
      </section>
    </article>
  );
}
