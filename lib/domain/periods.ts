/**
 * Reporting periods, with the cut-off dates of Decree 09/2019/NĐ-CP (chế độ báo cáo):
 *
 *   Monthly      15th of the previous month → 14th of the report month   '2026-11'  Tháng 11/2026
 *   Quarterly    15th of the month before the quarter → 14th of its last  '2026-Q4'  Quý IV/2026
 *   Half-yearly  15/12 → 14/6 (H1) and 15/6 → 14/12 (H2)                  '2026-H1'  6 tháng đầu năm 2026
 *   Yearly       15/12 of the previous year → 14/12                       '2026'     Năm 2026
 *
 * So a date on or after the 15th belongs to the NEXT month's report: 20/11/2026 is in '2026-12',
 * and 20/12/2026 is in '2027-01', '2027-Q1', '2027-H1' and '2027'. The report for a period is due on
 * the last day of its window (`end`).
 *
 * ONCE ("Một lần") and CONTINUOUS ("Thường xuyên") tasks have a single period covering all time, so
 * that every recurrence can be handled by the same code.
 *
 * Years are limited to 1000–9999 so that keys are always four digits and windows are valid IsoDates.
 */
import { endOfDayVn, isIsoDate, vnDateOf, type IsoDate } from './time';

export const RECURRENCES = ['ONCE', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'CONTINUOUS'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  ONCE: 'Một lần',
  MONTHLY: 'Hàng tháng',
  QUARTERLY: 'Hàng quý',
  HALF_YEARLY: '6 tháng',
  YEARLY: 'Hàng năm',
  CONTINUOUS: 'Thường xuyên',
};

export type Period = { recurrence: Recurrence; key: string; label: string; start: IsoDate; end: IsoDate };

/** Window of the single ONCE / CONTINUOUS period: all of time, so it contains every date. */
export const ALL_TIME_START: IsoDate = '0001-01-01';
export const ALL_TIME_END: IsoDate = '9999-12-31';

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

type Cyclic = Exclude<Recurrence, 'ONCE' | 'CONTINUOUS'>;

/** Report months per period, and the key syntax (the captured index is 1-based). */
const CYCLES: Record<Cyclic, { months: number; keyRe: RegExp }> = {
  MONTHLY: { months: 1, keyRe: /^([1-9]\d{3})-(0[1-9]|1[0-2])$/ },
  QUARTERLY: { months: 3, keyRe: /^([1-9]\d{3})-Q([1-4])$/ },
  HALF_YEARLY: { months: 6, keyRe: /^([1-9]\d{3})-H([12])$/ },
  YEARLY: { months: 12, keyRe: /^([1-9]\d{3})$/ },
};

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isRecurrence(value: string): value is Recurrence {
  return (RECURRENCES as readonly string[]).includes(value);
}

function singlePeriod(recurrence: 'ONCE' | 'CONTINUOUS'): Period {
  return recurrence === 'ONCE'
    ? { recurrence, key: 'ONCE', label: 'Cả kỳ', start: ALL_TIME_START, end: ALL_TIME_END }
    : { recurrence, key: 'CONTINUOUS', label: 'Thường xuyên', start: ALL_TIME_START, end: ALL_TIME_END };
}

/** The `index`-th (1-based) period of `year`, or null when the year is out of range. */
function cyclicPeriod(recurrence: Cyclic, year: number, index: number): Period | null {
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const { months } = CYCLES[recurrence];
  const firstMonth = (index - 1) * months + 1;
  const lastMonth = index * months;
  // The window opens on the 15th of the month before the first report month.
  const start = firstMonth === 1 ? `${String(year - 1).padStart(4, '0')}-12-15` : `${year}-${pad2(firstMonth - 1)}-15`;
  const end = `${year}-${pad2(lastMonth)}-14`;

  let key: string;
  let label: string;
  switch (recurrence) {
    case 'MONTHLY':
      key = `${year}-${pad2(index)}`;
      label = `Tháng ${index}/${year}`;
      break;
    case 'QUARTERLY':
      key = `${year}-Q${index}`;
      label = `Quý ${ROMAN[index - 1] ?? index}/${year}`;
      break;
    case 'HALF_YEARLY':
      key = `${year}-H${index}`;
      label = `6 tháng ${index === 1 ? 'đầu' : 'cuối'} năm ${year}`;
      break;
    case 'YEARLY':
      key = `${year}`;
      label = `Năm ${year}`;
      break;
  }
  return { recurrence, key, label, start, end };
}

function periodsPerYear(recurrence: Cyclic): number {
  return 12 / CYCLES[recurrence].months;
}

/** [year, index] of a well-formed cyclic key, else null. */
function parseKey(recurrence: Cyclic, key: string): [number, number] | null {
  const match = CYCLES[recurrence].keyRe.exec(key);
  if (!match) return null;
  return [Number(match[1]), recurrence === 'YEARLY' ? 1 : Number(match[2])];
}

function assertIsoDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Not a valid 'YYYY-MM-DD' date: ${JSON.stringify(date)}`);
}

/**
 * The period whose window contains `date`. Throws RangeError for a malformed date or one whose
 * period would fall outside years 1000–9999.
 */
export function periodContaining(recurrence: Recurrence, date: IsoDate): Period {
  assertIsoDate(date);
  if (recurrence === 'ONCE' || recurrence === 'CONTINUOUS') return singlePeriod(recurrence);

  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  // From the 15th on, a date is reported in the next month's report.
  if (Number(date.slice(8, 10)) >= 15) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  const period = cyclicPeriod(recurrence, year, Math.ceil(month / CYCLES[recurrence].months));
  if (!period) throw new RangeError(`No ${recurrence} period for ${date}: years ${MIN_YEAR}–${MAX_YEAR} only`);
  return period;
}

/** The period with this key, or null for a malformed key, an impossible one ('2026-13', '2026-Q5'),
 * or a key of another recurrence ('2026-Q1' is not a MONTHLY key). */
export function periodByKey(recurrence: Recurrence, key: string): Period | null {
  if (recurrence === 'ONCE' || recurrence === 'CONTINUOUS') {
    return key === recurrence ? singlePeriod(recurrence) : null;
  }
  const parsed = parseKey(recurrence, key);
  return parsed ? cyclicPeriod(recurrence, parsed[0], parsed[1]) : null;
}

/** Steps `delta` periods (±1) from a period; null for ONCE / CONTINUOUS, bad keys, or out of range. */
function step(period: Pick<Period, 'recurrence' | 'key'>, delta: 1 | -1): Period | null {
  const { recurrence } = period;
  if (recurrence === 'ONCE' || recurrence === 'CONTINUOUS') return null;
  const parsed = parseKey(recurrence, period.key);
  if (!parsed) return null;
  const perYear = periodsPerYear(recurrence);
  // Zero-based running count of periods, so that year roll-over is plain arithmetic.
  const n = parsed[0] * perYear + (parsed[1] - 1) + delta;
  return cyclicPeriod(recurrence, Math.floor(n / perYear), (n % perYear) + 1);
}

/** The period before this one; null for ONCE / CONTINUOUS (they have only one). */
export function previousPeriod(period: Pick<Period, 'recurrence' | 'key'>): Period | null {
  return step(period, -1);
}

/** The period after this one; null for ONCE / CONTINUOUS (they have only one). */
export function nextPeriod(period: Pick<Period, 'recurrence' | 'key'>): Period | null {
  return step(period, 1);
}

/**
 * Every period whose window intersects [from, to] (both inclusive), oldest first. Empty when
 * from > to. ONCE / CONTINUOUS give their single period.
 */
export function periodsBetween(recurrence: Recurrence, from: IsoDate, to: IsoDate): Period[] {
  assertIsoDate(from);
  assertIsoDate(to);
  if (from > to) return []; // 'YYYY-MM-DD' strings sort chronologically
  const periods: Period[] = [];
  for (let p: Period | null = periodContaining(recurrence, from); p && p.start <= to; p = nextPeriod(p)) {
    periods.push(p);
  }
  return periods;
}

const CYCLIC_RECURRENCES: readonly Recurrence[] = ['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'];

/** The reporting period named by a key ('2026-11', '2026-Q3', '2026-H1', '2026'), or null. */
export function periodOfKey(key: string): Period | null {
  for (const recurrence of CYCLIC_RECURRENCES) {
    const period = periodByKey(recurrence, key);
    if (period) return period;
  }
  return null;
}

/**
 * The moment the numbers of a period are computed for. Without a period: now. With a period: the
 * last instant of its last day in Vietnam (the Decree 09/2019 cut-off, "số liệu tính đến hết ngày
 * 14/…"), or now if that is still to come. Facts recorded after this moment are not counted.
 */
export function asOfFor(periodKey: string | undefined, now: Date): Date {
  const period = periodKey ? periodOfKey(periodKey) : null;
  if (!period) return now;
  const end = new Date(endOfDayVn(period.end).getTime() - 1);
  return end.getTime() < now.getTime() ? end : now;
}

/**
 * The last `count` cut-offs of a cycle up to `asOf` (inclusive), oldest first: the periods whose
 * last day has been reached (the current period counts only from its cut-off day on).
 */
export function lastCutoffs(recurrence: Recurrence, asOf: Date, count: number): Period[] {
  const today = vnDateOf(asOf);
  const current = periodContaining(recurrence, today);
  let p: Period | null = current.end <= today ? current : previousPeriod(current);
  const out: Period[] = [];
  for (let i = 0; p && i < count; i += 1, p = previousPeriod(p)) out.unshift(p);
  return out;
}
