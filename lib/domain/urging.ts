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
 * The ladder a programme has until its administrator changes it: three working days before the
 * deadline (DUE_SOON_DAYS, when the work turns "Sắp đến hạn") the unit's officers and leader, on
 * the day the officers, then after the deadline the officers and leader, then the standing office,
 * then the chairman — each later step also reaching those of the steps before it. It is the only
 * deadline reminder (decision 026: the hourly "deadline-reminders" job, which told officers and
 * heads "sắp đến hạn" and "quá hạn", was retired into its −3 and +1 steps).
 */
export const DEFAULT_URGING_LADDER: readonly UrgingStep[] = [
  { offsetDays: -3, audiences: ['OFFICERS', 'LEADER'] },
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

/** A step with the latest deadline whose step day has come by today (`stepsReached`). */
export type ReachedStep = UrgingStep & { latestDue: IsoDate };

/** How far (calendar days) a step's day can be from its deadline: ±MAX_STEP_OFFSET working days and a long Tết. */
const SEARCH_DAYS = 2 * MAX_STEP_OFFSET + 60;

/**
 * The steps a ladder has reached today, each with the latest deadline it reaches (`latestDue`):
 * a step is due for a deadline D exactly when D ≤ its `latestDue`, because a step's day never
 * moves back when the deadline moves forward. None on a day off (nobody is urged on a weekend or
 * during Tết). Ordered from the first step to the most advanced. The one home of "which step
 * today": `stepDueOn` answers it for one deadline, and the job (lib/data/urging.ts) hands these
 * thresholds to SQL to answer it for every open deadline at once.
 */
export function stepsReached(today: IsoDate, ladder: readonly UrgingStep[], calendar: WorkCalendar): ReachedStep[] {
  if (!calendar.isWorkingDay(today)) return [];
  return [...ladder]
    .sort((a, b) => a.offsetDays - b.offsetDays)
    .map((step) => {
      // Binary search for the last deadline whose step day is on or before today.
      let lo = -SEARCH_DAYS; // stepDay(today + lo) ≤ today
      let hi = SEARCH_DAYS; // stepDay(today + hi) > today
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (stepDay(addDays(today, mid), step.offsetDays, calendar) <= today) lo = mid;
        else hi = mid;
      }
      return { ...step, audiences: [...step.audiences], latestDue: addDays(today, lo) };
    });
}

/**
 * The step to send today for this deadline: none on a day off, else the most advanced step whose
 * day has come (null before the first).
 */
export function stepDueOn(
  today: IsoDate,
  due: IsoDate,
  ladder: readonly UrgingStep[],
  calendar: WorkCalendar,
): UrgingStep | null {
  const reached = stepsReached(today, ladder, calendar).filter((s) => due <= s.latestDue);
  const last = reached.at(-1);
  return last ? { offsetDays: last.offsetDays, audiences: last.audiences } : null;
}

/** Working days a deadline is overdue on `today` (0 when not overdue). */
export function workingDaysOverdue(due: IsoDate, today: IsoDate, calendar: WorkCalendar): number {
  return workingDaysBetween(due, today, calendar);
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
