/** The audit page's filters (from the URL): each optional, each refused with a Vietnamese message. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../domain/audit-actions';
import { isIsoDate } from '../domain/time';

/** Empty (or only spaces) means "no filter"; anything else must pass `inner`. */
const optional = <T extends z.ZodType<unknown, string>>(inner: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), inner.optional());

const optionalId = (label: string) =>
  optional(
    z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, { error: `${label} không hợp lệ.` })
      .transform(Number)
      .pipe(z.number().max(2_147_483_647, { error: `${label} không hợp lệ.` })),
  );

const date = (label: string) =>
  optional(
    z.string().refine((v) => isIsoDate(v) && v >= '2000-01-01' && v <= '2100-12-31', {
      error: `${label} không hợp lệ (dd/mm/yyyy).`,
    }),
  );

export const AuditFilterInput = z
  .object({
    userId: optionalId('Người dùng'),
    unitId: optionalId('Đơn vị'),
    action: optional(z.enum(AUDIT_ACTIONS as [string, ...string[]], { error: 'Loại sự kiện không hợp lệ.' })),
    from: date('Từ ngày'),
    to: date('Đến ngày'),
    cursor: optional(z.string().regex(/^[1-9][0-9]{0,17}$/, { error: 'Trang không hợp lệ.' })),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Đến ngày phải sau hoặc bằng Từ ngày.' });
  });
export type AuditFilterInput = z.infer<typeof AuditFilterInput>;
