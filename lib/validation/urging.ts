/**
 * The urging ladder's form and the Công văn đôn đốc's choices (decision 018), read once here.
 * Built from lib/validation/fields.ts.
 */
import { z } from 'zod';
import { MAX_STEP_OFFSET, MAX_STEPS, URGING_AUDIENCES, type UrgingStep } from '../domain/urging';
import { checkbox, choice, id, integer, optionalId } from './fields';
import { stepFieldNames } from './urging-fields';

/** A ladder as stored in Programme.urgingLadder (read back from JSON: anything else is refused). */
export const StoredUrgingLadder = z
  .array(
    z.object({
      offsetDays: z.number().int().min(-MAX_STEP_OFFSET).max(MAX_STEP_OFFSET),
      audiences: z.array(z.enum(URGING_AUDIENCES)).min(1),
    }),
  )
  .max(MAX_STEPS);

const WHEN = ['', 'before', 'on', 'after'] as const;

function rowShape(i: number) {
  const names = stepFieldNames(i);
  return {
    [names.when]: choice(WHEN, 'Chọn thời điểm nhắc.').optional().default(''),
    [names.days]: z.string({ error: 'Số ngày không hợp lệ.' }).optional().default(''),
    ...Object.fromEntries(URGING_AUDIENCES.map((a) => [names.audiences[a], checkbox])),
  };
}

const daysRule = integer('Số ngày làm việc', { min: 1, max: MAX_STEP_OFFSET });

/**
 * The ladder form: up to MAX_STEPS rows of "when" (before / on the day / after the deadline, or
 * empty: no step), a number of working days (before and after), and who is told. Each step needs
 * someone to tell; two steps cannot fall on the same day.
 */
export const UrgingLadderInput = z
  .object({
    programmeId: id('Chương trình'),
    ...Object.assign({}, ...Array.from({ length: MAX_STEPS }, (_, i) => rowShape(i))),
  })
  .transform((fields, ctx) => {
    const raw = fields as Record<string, string | boolean>;
    const steps: UrgingStep[] = [];
    const seen = new Map<number, number>();
    for (let i = 0; i < MAX_STEPS; i++) {
      const names = stepFieldNames(i);
      const when = raw[names.when] as (typeof WHEN)[number];
      if (when === '') continue;
      let offsetDays = 0;
      if (when !== 'on') {
        const days = daysRule.safeParse(raw[names.days] ?? '');
        if (!days.success) {
          ctx.addIssue({ code: 'custom', path: [names.days], message: days.error.issues[0]!.message });
          continue;
        }
        offsetDays = when === 'before' ? -days.data : days.data;
      }
      const audiences = URGING_AUDIENCES.filter((a) => raw[names.audiences[a]] === true);
      if (audiences.length === 0) {
        ctx.addIssue({ code: 'custom', path: [names.when], message: 'Chọn ít nhất một đối tượng nhận nhắc.' });
        continue;
      }
      if (seen.has(offsetDays)) {
        ctx.addIssue({ code: 'custom', path: [names.when], message: 'Hai bước nhắc trùng một ngày.' });
        continue;
      }
      seen.set(offsetDays, i);
      steps.push({ offsetDays, audiences });
    }
    return { programmeId: fields.programmeId as number, steps: steps.sort((a, b) => a.offsetDays - b.offsetDays) };
  });
export type UrgingLadderInput = z.infer<typeof UrgingLadderInput>;

export const UNIT_KIND_FILTERS = ['', 'DEPARTMENT', 'WARD_COMMUNE'] as const;

/** Which overdue work a Công văn đôn đốc lists: a programme, optionally one section and one kind of unit. */
export const UrgingLetterInput = z.object({
  programmeId: id('Chương trình'),
  sectionId: optionalId('Mục'),
  unitKind: choice(UNIT_KIND_FILTERS, 'Loại đơn vị không hợp lệ.').optional().default(''),
  /** Who signs (decision 023): the chairman or a vice-chairman; blank is the chairman. */
  signerId: optionalId('Người ký'),
});
export type UrgingLetterInput = z.infer<typeof UrgingLetterInput>;
