/**
 * What the status of an assignment is computed from, for "now" (decision 008).
 *
 * - One-off (ONCE) and continuous tasks: the assignment itself — its deadline in force (after an
 *   approved extension), when it was started (first report saved) and completed (approval of the
 *   report that completed it). The report actions keep these columns current.
 * - Recurring tasks (monthly, quarterly, half-yearly, yearly): every period since the assignment
 *   was made owes one completed report, due on the last day of its window (Decree 09/2019).
 *     · A period is MISSED while its window has closed (today is past its last day) and it has no
 *       completed report (a draft, a submitted or a returned report does not count).
 *     · While any period is missed, the assignment is "Đang thực hiện quá hạn", due at the end of
 *       the OLDEST missed period (so days overdue count from there). A late report, once completed,
 *       ends that period's lateness: the period itself is "Hoàn thành quá hạn".
 *     · Otherwise the assignment's status is that of the current period's slot: due at the end of
 *       the window containing today, started when a report for it exists, completed when that
 *       report was (its completedAt).
 *   The first period owed is the one whose window contains the day the assignment was made
 *   (Assignment.createdAt in Vietnam): a unit owes no report for a window that closed before it
 *   was given the task. A unit that ceased to exist on day D (merger or split, Unit.validTo) owes
 *   only the periods whose window closed before D: the rest is its successor's (decision 006).
 *
 * lib/data/status-sql.ts computes exactly this in SQL for aggregation (tests/integration/status-sql.test.ts).
 */
import { nextPeriod, periodByKey, periodContaining, type Period, type Recurrence } from './periods';
import type { StatusInput } from './status';
import type { IsoDate } from './time';

export const RECURRING: readonly Recurrence[] = ['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'];

export function isRecurring(recurrence: Recurrence): boolean {
  return RECURRING.includes(recurrence);
}

/** The period a new report of this task belongs to today; null for one-off and continuous tasks. */
export function currentPeriod(recurrence: Recurrence, today: IsoDate): Period | null {
  return isRecurring(recurrence) ? periodContaining(recurrence, today) : null;
}

/** periodKey of reports of one-off and continuous tasks. */
export function singlePeriodKey(recurrence: Recurrence): string {
  return recurrence === 'CONTINUOUS' ? 'CONTINUOUS' : 'ONCE';
}

export type PeriodReportFact = { periodKey: string; completedAt: Date | null };

export type SlotFacts = {
  recurrence: Recurrence;
  dueDate: IsoDate | null;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Recurring tasks: the Vietnamese day the assignment was made (its first period contains it). */
  assignedOn?: IsoDate;
  /** Recurring tasks: the assignment's reports (any period; those of other periods are ignored). */
  reports?: readonly PeriodReportFact[];
  /** Recurring tasks: the day the unit ceased to exist (Unit.validTo), if it did. */
  unitEndedOn?: IsoDate | null;
};

/**
 * The periods of a recurring assignment whose window closed before `today` without a report
 * completed by `asOf` (oldest first); [] for one-off and continuous tasks. A report counts only if
 * its completedAt is known at `asOf` (the moment of evaluation).
 */
export function missedPeriods(
  recurrence: Recurrence,
  assignedOn: IsoDate,
  reports: readonly PeriodReportFact[],
  today: IsoDate,
  asOf: Date,
  unitEndedOn: IsoDate | null = null,
): Period[] {
  const current = currentPeriod(recurrence, today);
  if (!current || assignedOn > today) return [];
  const closedBefore = unitEndedOn !== null && unitEndedOn < today ? unitEndedOn : today;
  const done = new Set(
    reports.filter((r) => r.completedAt !== null && r.completedAt.getTime() <= asOf.getTime()).map((r) => r.periodKey),
  );
  const missed: Period[] = [];
  for (
    let p: Period | null = periodContaining(recurrence, assignedOn);
    p && p.key !== current.key && p.end < closedBefore;
    p = nextPeriod(p)
  ) {
    if (!done.has(p.key)) missed.push(p);
  }
  return missed;
}

/** What the official status of an assignment is computed from at `now` (see the header). */
export function slotStatusInput(facts: SlotFacts, today: IsoDate, now: Date): StatusInput {
  return slotStatusFacts(facts, today, now).input;
}

/** The same, with the periods a recurring assignment still owes (oldest first; [] otherwise). */
export function slotStatusFacts(facts: SlotFacts, today: IsoDate, now: Date): { input: StatusInput; missed: Period[] } {
  const period = currentPeriod(facts.recurrence, today);
  if (!period)
    return {
      input: { dueDate: facts.dueDate, completedAt: facts.completedAt, started: facts.startedAt !== null },
      missed: [],
    };
  const reports = facts.reports ?? [];
  const missed = facts.assignedOn
    ? missedPeriods(facts.recurrence, facts.assignedOn, reports, today, now, facts.unitEndedOn ?? null)
    : [];
  if (missed.length > 0) return { input: { dueDate: missed[0]!.end, completedAt: null, started: true }, missed };
  const report = reports.find((r) => r.periodKey === period.key) ?? null;
  const completedAt = report?.completedAt && report.completedAt.getTime() <= now.getTime() ? report.completedAt : null;
  return { input: { dueDate: period.end, completedAt, started: report !== null }, missed };
}

/** How a report's period is named on screen. */
export function periodLabel(recurrence: Recurrence, periodKey: string): string {
  if (periodKey === 'ONCE') return 'Cả nhiệm vụ';
  if (periodKey === 'CONTINUOUS') return 'Thường xuyên';
  return periodByKey(recurrence, periodKey)?.label ?? periodKey;
}
