/**
 * The report form, shared by the browser (hints) and the server (the check that counts).
 * Messages are Vietnamese and shown next to the field. Built from lib/validation/fields.ts.
 */
import { z } from 'zod';
import { choice, commentText, id, optionalDecimal, optionalText, periodKey, progress, version } from './fields';

import { REPORT_LIMITS } from './report-limits';

export { REPORT_LIMITS };

const multiline = { multiline: true };

export const ReportInput = z.object({
  assignmentId: id('Nhiệm vụ'),
  periodKey,
  /** The version the user's form was loaded from (0 = a new report). */
  version: version(0),
  progress,
  content: commentText('Kết quả thực hiện', REPORT_LIMITS.content),
  difficulties: optionalText('Khó khăn, vướng mắc', REPORT_LIMITS.difficulties, multiline),
  proposals: optionalText('Đề xuất, kiến nghị', REPORT_LIMITS.proposals, multiline),
  noEvidenceReason: optionalText('Giải trình', REPORT_LIMITS.noEvidenceReason, multiline),
  /** The indicator's value for the period, when the task reports one (required on submit there). */
  value: optionalDecimal('Giá trị đạt được', { max: REPORT_LIMITS.indicatorValue }),
  intent: choice(['save', 'submit'], 'Thao tác không hợp lệ.'),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const MIN_CONTENT_ON_SUBMIT = 10;

export const ReviewInput = z
  .object({
    reportId: id('Báo cáo'),
    version: version(1),
    decision: choice(['approve', 'return'], 'Chọn duyệt hoặc trả lại.'),
    comment: commentText('Ý kiến', REPORT_LIMITS.reason),
  })
  .refine((v) => v.decision !== 'return' || v.comment.length >= 5, {
    path: ['comment'],
    error: 'Trả lại báo cáo phải nêu rõ lý do (ít nhất 5 ký tự).',
  });
export type ReviewInput = z.infer<typeof ReviewInput>;
