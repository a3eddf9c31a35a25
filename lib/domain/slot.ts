/**
 * What the status of an assignment is computed from, for "now".
 *
 * - One-off (ONCE) and continuous tasks: the assignment itself — its deadline in force (after an
 *   approved extension), when it was started (first report saved) and completed (approval of the
 *   report that completed it). The report actions keep these columns current.
 * - Recurring tasks (monthly, quarterly, half-yearly, yearly): the report slot of the period that
 *   contains today (Decree 09/2019 windows): due at the end of the window, started when a report
 *   for the period exists, completed when that report was approved (its completedAt).
 *
 * lib/data/status-sql.ts computes exactly this in SQL for aggregation.
 */
import { periodByKey, periodContaining, type Period, type Recurrence } from './periods';
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

export type SlotFacts = {
  recurrence: Recurrence;
  dueDate: IsoDate | null;
  startedAt: Date | null;
  completedAt: Date | null;
  /** The report of the current period (recurring tasks only). */
  periodReport?: { completedAt: Date | null } | null;
};

export function slotStatusInput(facts: SlotFacts, today: IsoDate): StatusInput {
  const period = currentPeriod(facts.recurrence, today);
  if (!period) return { dueDate: facts.dueDate, completedAt: facts.completedAt, started: facts.startedAt !== null };
  const report = facts.periodReport ?? null;
  return {
    dueDate: period.end,
    completedAt: report?.completedAt ?? null,
    started: report !== null,
  };
}

/** How a report's period is named on screen. */
export function periodLabel(recurrence: Recurrence, periodKey: string): string {
  if (periodKey === 'ONCE') return 'Cả nhiệm vụ';
  if (periodKey === 'CONTINUOUS') return 'Thường xuyên';
  return periodByKey(recurrence, periodKey)?.label ?? periodKey;
}
