/**
 * The path and query parameters of the API (decision 020), built from lib/validation/fields.ts:
 * ids are plain int4s; anything else in a path names nothing (404), in a query string it is refused
 * with a Vietnamese message (400). An unknown query parameter is refused too, so a misspelt filter
 * never silently returns everything.
 */
import { z } from 'zod';
import { OFFICIAL_STATUSES } from '../domain/status';
import { parseIdText } from '../validation/fields';

function idParam(label: string) {
  return z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, { error: `${label}: mã không hợp lệ (số nguyên dương).` })
    .transform((v, ctx): number => {
      const n = parseIdText(v);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message: `${label}: mã không hợp lệ (số nguyên dương).` });
        return z.NEVER;
      }
      return n;
    });
}

export const NoQuery = z.strictObject({});

export const AssignmentQuery = z.strictObject({
  programme: idParam('Chương trình').optional().describe('Chỉ các nhiệm vụ của chương trình này (mã chương trình).'),
  unit: idParam('Đơn vị').optional().describe('Chỉ các nhiệm vụ giao cho đơn vị này (mã đơn vị).'),
  status: z
    .enum(OFFICIAL_STATUSES, { error: `Tình trạng không hợp lệ: một trong ${OFFICIAL_STATUSES.join(', ')}.` })
    .optional()
    .describe('Chỉ các nhiệm vụ có tình trạng chính thức này.'),
  cursor: idParam('Vị trí trang').optional().describe('Giá trị nextCursor của trang trước.'),
  limit: z
    .string()
    .regex(/^(100|[1-9][0-9]?)$/, { error: 'Số dòng mỗi trang phải là số nguyên từ 1 đến 100.' })
    .transform(Number)
    .optional()
    .describe('Số dòng mỗi trang, 1–100 (mặc định 50).'),
});

/** A path id: a plain positive int4, else null (which names nothing: 404). */
export function pathId(value: string | undefined): number | null {
  return parseIdText(value);
}
