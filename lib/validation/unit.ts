/**
 * Units: create, edit, deactivate, merge, split. Validity is the half-open range
 * [validFrom, validTo): a unit that ends on D has validTo = D, and a successor starts on D
 * (docs/decisions/006).
 */
import { z } from 'zod';
import { checkbox, choice, cleanText, id, integer, optionalText, requiredVnDate } from './fields';
import { UNIT_KINDS, UNIT_LIMITS } from './unit-limits';

const code = z
  .string({ error: 'Nhập mã đơn vị.' })
  // A code is an identifier: strict (a control character is refused by the pattern, not dropped).
  .transform((v) => v.trim().toUpperCase())
  .pipe(
    z
      .string()
      .min(1, { error: 'Nhập mã đơn vị.' })
      .max(UNIT_LIMITS.code, { error: `Mã đơn vị tối đa ${UNIT_LIMITS.code} ký tự.` })
      .regex(/^[A-Z0-9][A-Z0-9-]*$/, {
        error: 'Mã đơn vị chỉ gồm chữ không dấu, số và dấu gạch ngang, ví dụ P-THANHSEN.',
      }),
  );

const name = z
  .string({ error: 'Nhập tên đơn vị.' })
  .transform((v) => cleanText(v))
  .pipe(
    z
      .string()
      .min(2, { error: 'Nhập tên đơn vị.' })
      .max(UNIT_LIMITS.name, { error: `Tên đơn vị tối đa ${UNIT_LIMITS.name} ký tự.` }),
  );

const shortName = optionalText('Tên viết tắt', UNIT_LIMITS.shortName);

const kind = choice(UNIT_KINDS, 'Chọn loại đơn vị.');

const note = optionalText('Ghi chú', UNIT_LIMITS.note, { multiline: true });

export const UnitInput = z.object({ code, name, shortName, kind, validFrom: requiredVnDate('Ngày bắt đầu hoạt động') });
export type UnitInput = z.infer<typeof UnitInput>;

export const UnitUpdateInput = z.object({
  unitId: id('Đơn vị'),
  code,
  name,
  shortName,
  kind,
  validFrom: requiredVnDate('Ngày bắt đầu hoạt động'),
});
export type UnitUpdateInput = z.infer<typeof UnitUpdateInput>;

export const UnitIdInput = z.object({ unitId: id('Đơn vị') });

export const UnitDeactivateInput = z.object({
  unitId: id('Đơn vị'),
  effectiveDate: requiredVnDate('Ngày thôi hoạt động'),
});
export type UnitDeactivateInput = z.infer<typeof UnitDeactivateInput>;

export const UnitMergeInput = z.object({
  predecessorIds: z
    .array(id('Đơn vị'))
    .min(2, { error: 'Chọn ít nhất hai đơn vị sáp nhập.' })
    .max(20, { error: 'Chọn tối đa 20 đơn vị.' })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'Mỗi đơn vị chỉ chọn một lần.' }),
  effectiveDate: requiredVnDate('Ngày có hiệu lực'),
  code,
  name,
  shortName,
  kind,
  note,
  moveUsers: checkbox,
});
export type UnitMergeInput = z.infer<typeof UnitMergeInput>;

export const UnitSplitInput = z
  .object({
    predecessorId: id('Đơn vị'),
    effectiveDate: requiredVnDate('Ngày có hiệu lực'),
    successors: z
      .array(z.object({ code, name, kind }))
      .min(2, { error: 'Nhập ít nhất hai đơn vị mới.' })
      .max(UNIT_LIMITS.splitRows, { error: `Tối đa ${UNIT_LIMITS.splitRows} đơn vị mới.` }),
    mainIndex: integer('Đơn vị tiếp nhận hồ sơ', {
      min: 0,
      max: UNIT_LIMITS.splitRows - 1,
      message: 'Chọn đơn vị tiếp nhận hồ sơ.',
    }),
    note,
    moveUsers: checkbox,
  })
  .refine((v) => v.mainIndex < v.successors.length, {
    path: ['mainIndex'],
    error: 'Chọn đơn vị tiếp nhận hồ sơ trong các đơn vị mới.',
  })
  .refine((v) => new Set(v.successors.map((s) => s.code)).size === v.successors.length, {
    path: ['successors'],
    error: 'Các đơn vị mới phải có mã khác nhau.',
  });
export type UnitSplitInput = z.infer<typeof UnitSplitInput>;
