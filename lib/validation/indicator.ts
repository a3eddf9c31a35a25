/**
 * An indicator (chỉ tiêu, decision 014) as the administration form sends it (decision 023): its
 * name and code, reform area, unit of measure, direction, baseline, up to TARGET_ROWS targets by
 * year, the Decree 09 period it is reported for and, when created, who reports it. Shared by the
 * browser (limits) and the server (the check that counts); messages are Vietnamese, next to their
 * field.
 */
import { z } from 'zod';
import { FAN_OUT_GROUPS } from '../domain/fan-out';
import { choice, id, optionalDecimal, optionalId, optionalText, requiredText } from './fields';
import { INDICATOR_DIRECTIONS, INDICATOR_LIMITS, INDICATOR_PERIODS, TARGET_ROWS } from './indicator-limits';
import { REFORM_AREAS } from './programme-limits';

/** A year typed as text; blank is null. */
function optionalYear(label: string) {
  return z
    .string({ error: `${label} không hợp lệ.` })
    .nullish()
    .transform((raw, ctx): number | null => {
      const v = (raw ?? '').trim();
      if (v === '') return null;
      const n = Number(v);
      if (!/^[0-9]{4}$/.test(v) || n < INDICATOR_LIMITS.yearFrom || n > INDICATOR_LIMITS.yearTo) {
        ctx.addIssue({
          code: 'custom',
          message: `${label} phải là năm từ ${INDICATOR_LIMITS.yearFrom} đến ${INDICATOR_LIMITS.yearTo}.`,
        });
        return z.NEVER;
      }
      return n;
    });
}

const code = requiredText('Mã chỉ tiêu', INDICATOR_LIMITS.code).refine((v) => /^[\p{L}\p{N}._/-]+$/u.test(v), {
  error: 'Mã chỉ tiêu chỉ gồm chữ, số và các dấu . _ / - (không có khoảng trắng).',
});

const targetFields = Object.fromEntries(
  Array.from({ length: TARGET_ROWS }, (_, i) => [
    [`targetYear${i + 1}`, optionalYear('Năm mục tiêu')],
    [`targetValue${i + 1}`, optionalDecimal('Giá trị mục tiêu', { max: INDICATOR_LIMITS.value })],
  ]).flat(),
) as Record<`targetYear${number}` | `targetValue${number}`, ReturnType<typeof optionalYear>>;

const shape = {
  code,
  name: requiredText('Tên chỉ tiêu', INDICATOR_LIMITS.name),
  text: optionalText('Nội dung, căn cứ', INDICATOR_LIMITS.text, { multiline: true }),
  reformArea: choice(REFORM_AREAS, 'Chọn lĩnh vực cải cách của chỉ tiêu.'),
  measureUnit: requiredText('Đơn vị tính', INDICATOR_LIMITS.measureUnit),
  direction: choice(INDICATOR_DIRECTIONS, 'Chọn chiều đánh giá: càng cao càng tốt hoặc càng thấp càng tốt.'),
  baselineValue: optionalDecimal('Giá trị cơ sở', { max: INDICATOR_LIMITS.value }),
  baselineYear: optionalYear('Năm cơ sở'),
  recurrence: choice(INDICATOR_PERIODS, 'Chọn kỳ báo cáo: tháng, quý, 6 tháng hoặc năm.'),
  ...targetFields,
};

type Parsed = {
  baselineValue: number | null;
  baselineYear: number | null;
} & Record<string, unknown>;

/** The target rows filled in, checked together: a year and a value each, no year twice, after the baseline. */
function collectTargets(v: Parsed, ctx: z.RefinementCtx): { year: number; value: number }[] {
  const targets: { year: number; value: number }[] = [];
  let filled = 0;
  for (let i = 1; i <= TARGET_ROWS; i++) {
    const year = v[`targetYear${i}`] as number | null;
    const value = v[`targetValue${i}`] as number | null;
    if (year === null && value === null) continue;
    filled += 1;
    if (year === null) {
      ctx.addIssue({ code: 'custom', path: [`targetYear${i}`], message: 'Nhập năm của mục tiêu.' });
      continue;
    }
    if (value === null) {
      ctx.addIssue({ code: 'custom', path: [`targetValue${i}`], message: `Nhập giá trị mục tiêu năm ${year}.` });
      continue;
    }
    if (targets.some((t) => t.year === year)) {
      ctx.addIssue({ code: 'custom', path: [`targetYear${i}`], message: `Năm ${year} đã có mục tiêu.` });
      continue;
    }
    if (v.baselineYear !== null && year <= v.baselineYear) {
      ctx.addIssue({
        code: 'custom',
        path: [`targetYear${i}`],
        message: `Năm mục tiêu phải sau năm cơ sở (${v.baselineYear}).`,
      });
      continue;
    }
    targets.push({ year, value });
  }
  if (filled === 0) {
    ctx.addIssue({ code: 'custom', path: ['targetYear1'], message: 'Nhập ít nhất một mục tiêu (năm và giá trị).' });
  }
  if ((v.baselineValue === null) !== (v.baselineYear === null)) {
    ctx.addIssue({
      code: 'custom',
      path: [v.baselineValue === null ? 'baselineValue' : 'baselineYear'],
      message: 'Giá trị cơ sở và năm cơ sở đi cùng nhau: nhập cả hai hoặc bỏ trống cả hai.',
    });
  }
  return targets.sort((a, b) => a.year - b.year);
}

function finish<T extends Parsed>(v: T, ctx: z.RefinementCtx) {
  const targets = collectTargets(v, ctx);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) if (!/^target(Year|Value)\d+$/.test(key)) out[key] = value;
  return { ...(out as Omit<T, `targetYear${number}` | `targetValue${number}`>), targets };
}

const fanOutGroup = z
  .string()
  .optional()
  .transform((v) => v ?? '')
  .pipe(z.union([z.literal('').transform(() => null), choice(FAN_OUT_GROUPS, 'Nhóm đơn vị không hợp lệ.')]));

export const IndicatorCreateInput = z
  .object({
    programmeId: id('Chương trình'),
    sectionId: id('Mục'),
    ...shape,
    /** Who reports it: one unit, a whole group, or both (more units later on the task's page). */
    reporterUnitId: optionalId('Đơn vị báo cáo'),
    reporterGroup: fanOutGroup,
  })
  .transform((v, ctx) => {
    if (v.reporterUnitId === null && v.reporterGroup === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['reporterUnitId'],
        message: 'Chọn đơn vị báo cáo chỉ tiêu, hoặc một nhóm đơn vị.',
      });
    }
    return finish(v, ctx);
  });
export type IndicatorCreateInput = z.output<typeof IndicatorCreateInput>;

export const IndicatorUpdateInput = z
  .object({ indicatorId: id('Chỉ tiêu'), ...shape })
  .transform((v, ctx) => finish(v, ctx));
export type IndicatorUpdateInput = z.output<typeof IndicatorUpdateInput>;

export const IndicatorStatusInput = z.object({
  indicatorId: id('Chỉ tiêu'),
  intent: choice(['deactivate', 'reactivate'], 'Thao tác không hợp lệ.'),
});
export type IndicatorStatusInput = z.output<typeof IndicatorStatusInput>;
