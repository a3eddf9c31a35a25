/**
 * Working days (ngày làm việc), decision 015. Pure: no clock, no database.
 *
 * A day is a working day unless it is a Saturday or Sunday, a public holiday, or a compensating
 * day off — and an administrator's entry for that date (the yearly official swaps and bridges:
 * the extra days of the Tết break, a Saturday worked in exchange for a bridge day) overrides all of
 * that. Public holidays come from date-holidays (a maintained library that computes the lunar ones:
 * Giao thừa and Tết Nguyên Đán, Giỗ Tổ Hùng Vương), not hand-typed tables. When a public holiday
 * falls on a weekend, the next working day is off in compensation (nghỉ bù, Labour Code 2019
 * art. 112(3)).
 *
 * "Trong 10 ngày làm việc kể từ ngày X": the count starts the day after X (Civil Code 2015
 * art. 147) and the deadline is the 10th working day.
 */
import Holidays from 'date-holidays';
import { addDays, type IsoDate } from './time';

/** An administrator's entry for one date: a working day (a swapped Saturday) or a day off (a bridge). */
export type CalendarOverride = { date: IsoDate; working: boolean; note: string };

const holidaysByYear = new Map<number, Map<IsoDate, string>>();
const vn = new Holidays('VN');

function isWeekend(date: IsoDate): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The public holidays of a year (with the compensating days off), date → name. */
export function publicHolidays(year: number): Map<IsoDate, string> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const days = new Map<IsoDate, string>();
  for (const h of vn.getHolidays(year)) {
    if (h.type !== 'public') continue;
    // Local dates as 'YYYY-MM-DD hh:mm:ss'; Việt Nam's public holidays are one day each (Giao thừa and
    // mùng 1 Tết are two entries), the rest of the official Tết break is the administrator's.
    days.set(h.date.slice(0, 10), h.name);
  }
  // Nghỉ bù: each holiday on a weekend gives the next day that is neither weekend nor holiday.
  for (const [date, name] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isWeekend(date)) continue;
    let d = addDays(date, 1);
    while (isWeekend(d) || days.has(d)) d = addDays(d, 1);
    days.set(d, `Nghỉ bù ${name}`);
  }
  holidaysByYear.set(year, days);
  return days;
}

export class WorkCalendar {
  private readonly overrides: Map<IsoDate, CalendarOverride>;

  constructor(overrides: readonly CalendarOverride[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
  }

  isWorkingDay(date: IsoDate): boolean {
    const override = this.overrides.get(date);
    if (override) return override.working;
    return !isWeekend(date) && !publicHolidays(Number(date.slice(0, 4))).has(date);
  }

  /** Why a day is off (a holiday's name, the administrator's note, "Thứ Bảy"/"Chủ nhật"), or null on a working day. */
  dayOffReason(date: IsoDate): string | null {
    if (this.isWorkingDay(date)) return null;
    const override = this.overrides.get(date);
    if (override) return override.note;
    const holiday = publicHolidays(Number(date.slice(0, 4))).get(date);
    if (holiday) return holiday;
    return new Date(`${date}T00:00:00Z`).getUTCDay() === 6 ? 'Thứ Bảy' : 'Chủ nhật';
  }
}

/** Far beyond any real deadline: a calendar whose every day is off must not loop for ever. */
const MAX_SCAN_DAYS = 3660;

/** The n-th working day after `start` (n ≥ 1): the deadline "trong n ngày làm việc kể từ start". */
export function addWorkingDays(start: IsoDate, n: number, calendar: WorkCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs a whole number ≥ 0, got ${n}`);
  let d = start;
  let counted = 0;
  for (let i = 0; counted < n; i++) {
    if (i > MAX_SCAN_DAYS) throw new RangeError('No working day within ten years');
    d = addDays(d, 1);
    if (calendar.isWorkingDay(d)) counted += 1;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1), i = 0; d <= to && i <= MAX_SCAN_DAYS; d = addDays(d, 1), i++) {
    if (calendar.isWorkingDay(d)) n += 1;
  }
  return n;
}

/**
 * The last deadline that counts as "Sắp đến hạn" today: one due within the next `days` working
 * days (a deadline that falls on a day off is due before the next working day, so it counts too).
 */
export function dueSoonUntil(today: IsoDate, days: number, calendar: WorkCalendar): IsoDate {
  const last = addWorkingDays(today, days, calendar);
  // Days off right after the last working day counted still come before the next working day.
  let d = last;
  while (!calendar.isWorkingDay(addDays(d, 1)) && d < addDays(last, 30)) d = addDays(d, 1);
  return d;
}
