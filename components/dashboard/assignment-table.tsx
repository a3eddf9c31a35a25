import type { DrillRow } from '@/lib/data/dashboard';
import { ProgrammeTag } from '@/components/ui/programme-tag';
import { ASSIGNMENT_ROLE_LABELS, REPORT_STATUS_LABELS } from '@/lib/domain/labels';
import { fromSeveralProgrammes } from '@/lib/domain/programme-name';
import { formatDateTimeVn, formatDateVn } from '@/lib/domain/time';
import { StatusTag } from './status-tag';

/**
 * Assignments with their status, deadline, last report and reviewer; each links to its page.
 * A table on wide screens and on paper; on a phone each row reads as a card (the header row is
 * hidden and every cell says what it is).
 */
export function AssignmentTable({ rows, variant = 'full' }: { rows: DrillRow[]; variant?: 'full' | 'overdue' }) {
  // The full list names each row's programme under its title; the short overdue list only when
  // the rows come from several programmes, by its Số/ký hiệu.
  const tagged = variant === 'overdue' && fromSeveralProgrammes(rows);
  return (
    <div className="relative overflow-x-auto">
      <table
        className="min-w-full text-sm [&_.cell-label]:text-xs [&_.cell-label]:text-slate-500 md:[&_.cell-label]:hidden print:[&_.cell-label]:hidden [&_tbody_tr]:block [&_tbody_tr]:py-2 md:[&_tbody_tr]:table-row md:[&_tbody_tr]:py-0 print:[&_tbody_tr]:table-row [&_td]:block [&_td]:px-2 [&_td]:py-1 md:[&_td]:table-cell md:[&_td]:py-1.5 print:[&_td]:table-cell [&_th]:px-2 [&_th]:py-1.5"
        data-testid="assignment-table"
      >
        <thead className="hidden bg-slate-50 text-left md:table-header-group print:table-header-group">
          <tr>
            <th scope="col">Nhiệm vụ</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Chủ trì</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">Thời hạn</th>
            {variant === 'full' ? (
              <>
                <th scope="col">Báo cáo gần nhất</th>
                <th scope="col">Người duyệt</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r) => (
            <tr key={r.assignmentId}>
              <td>
                {tagged ? (
                  <ProgrammeTag programme={{ title: r.programmeTitle, documentNumber: r.programmeDocumentNumber }} />
                ) : null}
                <a href={`/assignments/${r.assignmentId}`} className="font-medium hover:underline">
                  <span className="mr-1 text-slate-500">{r.taskCode}</span>
                  {r.taskTitle}
                </a>
                {variant === 'full' ? <span className="block text-xs text-slate-500">{r.programmeTitle}</span> : null}
              </td>
              <td>
                <span className="cell-label">Đơn vị: </span>
                {r.unitName}
                {r.formerUnitName ? (
                  <span className="block text-xs text-slate-500">(trước đây: {r.formerUnitName})</span>
                ) : null}
                <span className="block text-xs text-slate-500">{ASSIGNMENT_ROLE_LABELS[r.role]}</span>
              </td>
              <td>
                <span className="cell-label">Chủ trì: </span>
                {r.leadUnitName ?? <span className="text-slate-500">Không có</span>}
              </td>
              <td>
                <StatusTag status={r.status} daysOverdue={r.daysOverdue} />
              </td>
              <td className="whitespace-nowrap">
                <span className="cell-label">Thời hạn: </span>
                {r.dueDate ? formatDateVn(r.dueDate) : 'Không thời hạn'}
                {r.missedPeriods ? (
                  <span className="block text-xs whitespace-normal text-red-700">
                    Thiếu báo cáo {r.missedPeriods.count} kỳ, từ {r.missedPeriods.firstLabel}
                  </span>
                ) : null}
              </td>
              {variant === 'full' ? (
                <>
                  <td>
                    <span className="cell-label">Báo cáo gần nhất: </span>
                    {r.lastReport ? (
                      <>
                        {r.lastReport.periodLabel} · {REPORT_STATUS_LABELS[r.lastReport.status]}
                        {r.lastReport.submittedAt ? (
                          <span className="block text-xs text-slate-500">
                            Gửi {formatDateTimeVn(r.lastReport.submittedAt)}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      <span className="text-slate-500">Chưa có báo cáo</span>
                    )}
                  </td>
                  <td>
                    <span className="cell-label">Người duyệt: </span>
                    {r.lastReport?.reviewerName ? (
                      <>
                        {r.lastReport.reviewerName}
                        {r.lastReport.reviewedAt ? (
                          <span className="block text-xs text-slate-500">
                            {formatDateTimeVn(r.lastReport.reviewedAt)}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
