/**
 * The report form, shared by the browser (hints) and the server (the check that counts).
 * Messages are Vietnamese and shown next to the field.
 */
import { z } from 'zod';

export const REPORT_LIMITS = { content: 10_000, difficulties: 5_000, proposals: 5_000, noEvidenceReason: 2_000, reason: 2_000 } as const;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} tối đa ${max.toLocaleString('vi-VN')} ký tự.` })
    .optional()
    .transform((v) => (v ? v : null));

export const ReportInput = z.object({
  assignmentId: z.coerce.number({ error: 'Thiếu nhiệm vụ.' }).int().positive({ error: 'Thiếu nhiệm vụ.' }),
  periodKey: z.string().trim().min(1, { error: 'Chọn kỳ báo cáo.' }).max(20, { error: 'Kỳ báo cáo không hợp lệ.' }),
  /** The version the user's form was loaded from (0 = a new report). */
  version: z.coerce.number({ error: 'Thiếu phiên bản báo cáo.' }).int().min(0),
  progress: z.coerce
    .number({ error: 'Tiến độ phải là một số từ 0 đến 100.' })
    .int({ error: 'Tiến độ phải là số nguyên từ 0 đến 100.' })
    .min(0, { error: 'Tiến độ không được nhỏ hơn 0%.' })
    .max(100, { error: 'Tiến độ không được vượt quá 100%.' }),
  content: z.string().trim().max(REPORT_LIMITS.content, { error: `Kết quả thực hiện tối đa ${REPORT_LIMITS.content.toLocaleString('vi-VN')} ký tự.` }),
  difficulties: optionalText(REPORT_LIMITS.difficulties, 'Khó khăn, vướng mắc'),
  proposals: optionalText(REPORT_LIMITS.proposals, 'Đề xuất, kiến nghị'),
  noEvidenceReason: optionalText(REPORT_LIMITS.noEvidenceReason, 'Giải trình'),
  intent: z.enum(['save', 'submit'], { error: 'Thao tác không hợp lệ.' }),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const MIN_CONTENT_ON_SUBMIT = 10;

export const ReviewInput = z
  .object({
    reportId: z.coerce.number().int().positive(),
    version: z.coerce.number().int().min(1),
    decision: z.enum(['approve', 'return'], { error: 'Chọn duyệt hoặc trả lại.' }),
    comment: z
      .string()
      .trim()
      .max(REPORT_LIMITS.reason, { error: `Ý kiến tối đa ${REPORT_LIMITS.reason.toLocaleString('vi-VN')} ký tự.` })
      .optional()
      .transform((v) => v ?? ''),
  })
  .refine((v) => v.decision !== 'return' || v.comment.length >= 5, {
    path: ['comment'],
    error: 'Trả lại báo cáo phải nêu rõ lý do (ít nhất 5 ký tự).',
  });
export type ReviewInput = z.infer<typeof ReviewInput>;
