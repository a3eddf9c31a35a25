/** An administrator's entry in the working-day calendar (decision 015). Built from lib/validation/fields.ts. */
import { z } from 'zod';
import { choice, requiredText, requiredVnDate } from './fields';

export const CalendarDayInput = z.object({
  date: requiredVnDate('Ngày'),
  working: choice(['off', 'working'], 'Chọn ngày nghỉ hoặc ngày làm việc.').transform((v) => v === 'working'),
  note: requiredText('Căn cứ, ghi chú', 300),
});
export type CalendarDayInput = z.infer<typeof CalendarDayInput>;

export const CalendarDayRemoval = z.object({ date: requiredVnDate('Ngày') });
