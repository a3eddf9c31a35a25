/**
 * The administrator's form that issues an API token, and the query strings of the API (decision
 * 020). Built from lib/validation/fields.ts.
 */
import { z } from 'zod';
import { choice, id, optionalId, requiredText, requiredVnDate } from './fields';

export const ApiTokenInput = z
  .object({
    name: requiredText('Tên hệ thống sử dụng', 120),
    scope: choice(['READ_ALL', 'UNIT'], 'Chọn phạm vi đọc của mã truy cập.'),
    unitId: optionalId('Đơn vị'),
    expiresOn: requiredVnDate('Ngày hết hạn'),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'UNIT' && v.unitId === null)
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'Chọn đơn vị mà mã truy cập được đọc.' });
  })
  .transform((v) => ({ ...v, unitId: v.scope === 'UNIT' ? v.unitId : null }));
export type ApiTokenInput = z.infer<typeof ApiTokenInput>;

export const ApiTokenRevocation = z.object({ tokenId: id('Mã truy cập') });
