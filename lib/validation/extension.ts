import { z } from 'zod';
import { parseVnDate } from '../domain/time';

export const ExtensionRequestInput = z.object({
  assignmentId: z.coerce.number().int().positive(),
  requestedDueDate: z
    .string()
    .trim()
    .min(1, { error: 'Nhập thời hạn đề nghị (dd/mm/yyyy).' })
    .transform((v, ctx) => {
      // <input type="date"> sends yyyy-mm-dd; typed text is dd/mm/yyyy.
      const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseVnDate(v.split('-').reverse().join('/')) : parseVnDate(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', error: 'Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy.' });
        return z.NEVER;
      }
      return iso;
    }),
  reason: z.string().trim().min(10, { error: 'Nêu lý do đề nghị gia hạn (ít nhất 10 ký tự).' }).max(2000, { error: 'Lý do tối đa 2.000 ký tự.' }),
});
export type ExtensionRequestInput = z.infer<typeof ExtensionRequestInput>;

export const ExtensionDecisionInput = z
  .object({
    extensionId: z.coerce.number().int().positive(),
    decision: z.enum(['approve', 'reject'], { error: 'Chọn đồng ý hoặc không đồng ý.' }),
    comment: z.string().trim().max(2000, { error: 'Ý kiến tối đa 2.000 ký tự.' }).optional().transform((v) => v ?? ''),
  })
  .refine((v) => v.decision !== 'reject' || v.comment.length >= 5, { path: ['comment'], error: 'Không đồng ý gia hạn phải nêu lý do.' });
export type ExtensionDecisionInput = z.infer<typeof ExtensionDecisionInput>;
