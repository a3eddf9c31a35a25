/**
 * The urging ladder (đôn đốc), decision 018. Pure: no clock, no database.
 *
 * A programme's ladder is a list of steps, each a number of working days relative to the deadline
 * in force (-3: three working days before, 0: on the day, +5: five working days after) and the
 * people it reaches: the unit's officers, the unit's leader, the standing office, the chairman.
 * A step's day is counted with the working-day calendar (lib/domain/working-days.ts). On a working
 * day, the step to send for a deadline is the most advanced step whose day has come: a run that
 * was missed (or an assignment made already late) sends the step that applies now, not every step
 * it passed at once. Each step is sent once per deadline (the job records it).
 */
import { formatDateVn, addDays, type IsoDate } from './time';
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from './working-days';

export const URGING_AUDIENCES = ['OFFICERS', 'LEADER', 'STANDING_OFFICE', 'CHAIRMAN'] as const;
export type UrgingAudience = (typeof URGING_AUDIENCES)[number];

export const URGING_AUDIENCE_LABELS: Record<UrgingAudience, string> = {
  OFFICERS: 'Công chức, chuyên viên của đơn vị',
  LEADER: 'Lãnh đạo đơn vị',
  STANDING_OFFICE: 'Phòng Nội vụ (cơ quan thường trực)',
  CHAIRMAN: 'Chủ tịch, Phó Chủ tịch UBND',
};

export type UrgingStep = { offsetDays: number; audiences: UrgingAudience[] };

/** The furthest a step may be from the deadline, in working days (a quarter of a year). */
export const MAX_STEP_OFFSET = 60;
export const MAX_STEPS = 8;

/**
 * The ladder a programme has until its administrator changes it: reminders three working days
 * before and on the day, then after the deadline the unit's leader, then the standing office, then
 * the chairman — each step also reaching those of the steps before it.
 */
export const DEFAULT_URGING_LADDER: readonly UrgingStep[] = [
  { offsetDays: -3, audiences: ['OFFICERS'] },
  { offsetDays: 0, audiences: ['OFFICERS'] },
  { offsetDays: 1, audiences: ['OFFICERS', 'LEADER'] },
  { offsetDays: 5, audiences: ['OFFICERS', 'LEADER', 'STANDING_OFFICE'] },
  { offsetDays: 10, audiences: ['OFFICERS', 'LEADER', 'STANDING_OFFICE', 'CHAIRMAN'] },
];

/** "3 ngày làm việc trước hạn", "Ngày đến hạn", "5 ngày làm việc sau hạn". */
export function stepLabel(offsetDays: number): string {
  if (offsetDays === 0) return 'Ngày đến hạn';
  return `${Math.abs(offsetDays)} ngày làm việc ${offsetDays < 0 ? 'trước hạn' : 'sau hạn'}`;
}

/** The working day before `date` (not `date` itself). */
function previousWorkingDay(date: IsoDate, calendar: WorkCalendar): IsoDate {
  let d = addDays(date, -1);
  for (let i = 0; !calendar.isWorkingDay(d) && i < 3660; i++) d = addDays(d, -1);
  return d;
}

/**
 * The day a step is due for a deadline: after the deadline, the n-th working day after it; on the
 * day, the deadline itself or, when it falls on a day off, the last working day before it; before
 * it, the n-th working day before it.
 */
export function stepDay(due: IsoDate, offsetDays: number, calendar: WorkCalendar): IsoDate {
  if (offsetDays > 0) return addWorkingDays(due, offsetDays, calendar);
  let d = calendar.isWorkingDay(due) ? due : previousWorkingDay(due, calendar);
  for (let n = 0; n < -offsetDays; n++) d = previousWorkingDay(d, calendar);
  return d;
}

/**
 * The step to send today for this deadline: none on a day off (nobody is urged on a weekend or
 * during Tết), else the most advanced step whose day has come (null before the first).
 */
export function stepDueOn(
  today: IsoDate,
  due: IsoDate,
  ladder: readonly UrgingStep[],
  calendar: WorkCalendar,
): UrgingStep | null {
  if (!calendar.isWorkingDay(today)) return null;
  let reached: UrgingStep | null = null;
  for (const step of [...ladder].sort((a, b) => a.offsetDays - b.offsetDays)) {
    if (stepDay(due, step.offsetDays, calendar) <= today) reached = step;
  }
  return reached;
}

/** Working days a deadline is overdue on `today` (0 when not overdue). */
export function workingDaysOverdue(due: IsoDate, today: IsoDate, calendar: WorkCalendar): number {
  return workingDaysBetween(due, today, calendar);
}

/** The earliest deadline a ladder can reach today: the first step's distance before it, counted back. */
export function latestDueInReach(today: IsoDate, ladder: readonly UrgingStep[], calendar: WorkCalendar): IsoDate {
  const before = Math.max(0, ...ladder.map((s) => -s.offsetDays));
  // The step "n working days before" a deadline D is reached today when D is at most n working days
  // ahead, plus the days off right after (a deadline on a day off counts from the working day before).
  let last = before === 0 ? today : addWorkingDays(today, before, calendar);
  while (!calendar.isWorkingDay(addDays(last, 1)) && last < addDays(today, before + 40)) last = addDays(last, 1);
  return last;
}

/** The title of the notification the unit's own people get. */
export function unitMessageTitle(due: IsoDate, today: IsoDate, calendar: WorkCalendar): string {
  if (due < today) {
    const n = workingDaysOverdue(due, today, calendar);
    return `Đôn đốc: nhiệm vụ quá hạn ${n} ngày làm việc (hạn ${formatDateVn(due)})`;
  }
  const left = workingDaysBetween(today, due, calendar);
  if (left === 0) return `Đôn đốc: nhiệm vụ đến hạn ngày ${formatDateVn(due)}`;
  return `Đôn đốc: còn ${left} ngày làm việc đến hạn ${formatDateVn(due)}`;
}
