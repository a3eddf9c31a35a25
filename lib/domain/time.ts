/**
 * Vietnam time helpers. Pure: no clock access, `now` is always passed in by the caller.
 *
 * Every date the app shows or compares (deadlines, report periods, "today") is a calendar day in
 * Asia/Ho_Chi_Minh, whatever the server's or the browser's time zone is. Calendar days are carried
 * as 'YYYY-MM-DD' strings (`IsoDate`) so they never drift through a time zone conversion; instants
 * are `Date`s.
 *
 * Vietnam has been on a fixed UTC+7 with no daylight saving since 1975, so a constant offset is
 * exact for every date the app deals with, and it keeps these functions independent of the ICU data
 * shipped with the runtime (the tests cross-check against Intl's Asia/Ho_Chi_Minh anyway).
 */

/** A calendar day in Vietnam, 'YYYY-MM-DD'. */
export type IsoDate = string;

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** Year, month (1–12), day of a valid calendar date, or null. */
function validYmd(y: number, m: number, d: number): [number, number, number] | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  // Day 0 of the next month is the last day of this month; UTC so that leap years come for free.
  const last = new Date(0);
  last.setUTCFullYear(y, m, 0);
  return d <= last.getUTCDate() ? [y, m, d] : null;
}

function parseIso(date: IsoDate): [number, number, number] {
  const match = ISO_DATE_RE.exec(date);
  const ymd = match ? validYmd(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (!ymd) throw new RangeError(`Not a valid 'YYYY-MM-DD' date: ${JSON.stringify(date)}`);
  return ymd;
}

function assertValidInstant(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
}

/** Milliseconds of VN midnight at the start of `date`, as if VN wall time were UTC. */
function dayStartUtcMs(date: IsoDate): number {
  const [y, m, d] = parseIso(date);
  const t = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

function isoFromUtcMs(ms: number): IsoDate {
  const t = new Date(ms);
  const y = t.getUTCFullYear();
  if (!(y >= 1 && y <= 9999)) throw new RangeError('Date outside years 0001–9999');
  return `${pad4(y)}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE_RE.exec(value);
  return match !== null && validYmd(Number(match[1]), Number(match[2]), Number(match[3])) !== null;
}

/**
 * The instant `date` ends in Vietnam: the next day's 00:00 +07:00, i.e. `date`T17:00:00Z.
 * A deadline "trước 15/9/2021" is met by anything strictly before endOfDayVn('2021-09-15').
 */
export function endOfDayVn(date: IsoDate): Date {
  return new Date(dayStartUtcMs(date) + DAY_MS - VN_OFFSET_MS);
}

/** The instant `date` starts in Vietnam: 00:00 +07:00, i.e. the previous day's 17:00:00Z. */
export function startOfDayVn(date: IsoDate): Date {
  return new Date(dayStartUtcMs(date) - VN_OFFSET_MS);
}

/** The Vietnamese calendar day an instant falls on. */
export function vnDateOf(instant: Date): IsoDate {
  assertValidInstant(instant);
  return isoFromUtcMs(instant.getTime() + VN_OFFSET_MS);
}

/** 'dd/mm/yyyy' — the way dates are written in Vietnamese documents. */
export function formatDateVn(d: Date | IsoDate): string {
  const [y, m, day] = parseIso(typeof d === 'string' ? d : vnDateOf(d));
  return `${pad2(day)}/${pad2(m)}/${pad4(y)}`;
}

/** 'HH:mm dd/mm/yyyy' in Vietnam time (24-hour clock). */
export function formatDateTimeVn(d: Date): string {
  assertValidInstant(d);
  const wall = new Date(d.getTime() + VN_OFFSET_MS);
  return `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())} ${formatDateVn(d)}`;
}

/**
 * Parses a date as written in Vietnamese text — '15/9/2021', '05/09/2021', also '15-9-2021' or
 * '15.9.2021' — into an IsoDate. Day first, four-digit year. Null unless it is a real date
 * (so '29/2/2025' and '31/4/2021' are null).
 */
export function parseVnDate(text: string): IsoDate | null {
  const match = /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const ymd = validYmd(Number(match[4]), Number(match[3]), Number(match[1]));
  return ymd ? `${pad4(ymd[0])}-${pad2(ymd[1])}-${pad2(ymd[2])}` : null;
}

/** `date` shifted by `n` calendar days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return isoFromUtcMs(dayStartUtcMs(date) + n * DAY_MS);
}

/** Whole calendar days from `a` to `b` (b − a): daysBetween('2021-09-14', '2021-09-15') === 1. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((dayStartUtcMs(b) - dayStartUtcMs(a)) / DAY_MS);
}

/** A PostgreSQL DATE column arrives from Prisma as a Date at 00:00 UTC of that calendar day. */
export function fromDbDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function toDbDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}
