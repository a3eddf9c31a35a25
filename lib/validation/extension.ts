/** Deadline extensions: the request (a later date and a reason) and the decision. */
import { z } from 'zod';
import { choice, commentText, id, requiredText, requiredVnDate } from './fields';

export const EXTENSION_LIMITS = { reason: 2_000, comment: 2_000 } as const;

export const ExtensionRequestInput = z.object({
  assignmentId: id('Nhiệm vụ'),
  requestedDueDate: requiredVnDate('Thời hạn đề nghị'),
  reason: requiredText('Lý do', EXTENSION_LIMITS.reason, {
    multiline: true,
    min: 10,
    minMessage: 'Nêu lý do đề nghị gia hạn (ít nhất 10 ký tự).',
    requiredMessage: 'Nêu lý do đề nghị gia hạn (ít nhất 10 ký tự).',
  }),
});
export type ExtensionRequestInput = z.infer<typeof ExtensionRequestInput>;

export const ExtensionDecisionInput = z
  .object({
    extensionId: id('Đề nghị gia hạn'),
    decision: choice(['approve', 'reject'], 'Chọn đồng ý hoặc không đồng ý.'),
    comment: commentText('Ý kiến', EXTENSION_LIMITS.comment),
  })
  .refine((v) => v.decision !== 'reject' || v.comment.length >= 5, {
    path: ['comment'],
    error: 'Không đồng ý gia hạn phải nêu lý do.',
  });
export type ExtensionDecisionInput = z.infer<typeof ExtensionDecisionInput>;
